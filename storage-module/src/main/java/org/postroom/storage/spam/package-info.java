/**
 * Each domain's spam policy ({@code domain_spam_policy}, V17): what happens to a message rspamd
 * scores as spam without refusing it, delivered with a subject tag or held in the quarantine. Set
 * by administrators (console, API), read by port 25 when rspamd's verdict is in. Depends on
 * {@code directory} for domain names.
 */
package org.postroom.storage.spam;
