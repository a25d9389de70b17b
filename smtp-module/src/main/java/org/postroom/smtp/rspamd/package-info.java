/**
 * rspamd (https://rspamd.com), the spam filter Postroom hands messages to, over its HTTP protocol:
 * {@link org.postroom.smtp.rspamd.RspamdScanner} asks the normal worker for a verdict
 * ({@code /checkv2}), {@link org.postroom.smtp.rspamd.RspamdController} teaches the controller
 * worker ({@code /learnspam}, {@code /learnham}). The JDK's HttpClient, HTTP/1.1, one timeout per
 * call; nothing here decides what a verdict means for a message (that is {@code
 * org.postroom.smtp.inbound.spam}'s).
 */
package org.postroom.smtp.rspamd;
