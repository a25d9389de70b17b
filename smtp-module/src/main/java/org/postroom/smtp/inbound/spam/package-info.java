/**
 * The spam filter around rspamd ({@link org.postroom.smtp.rspamd}): {@link
 * org.postroom.smtp.inbound.spam.SpamCheck} runs at the end of DATA on port 25 (after the
 * authentication checks) and on submission, and turns rspamd's action into the message's fate:
 * refused (550 5.7.1), deferred (451 4.7.1), delivered with X-Spam fields and a tagged Subject,
 * held in the quarantine (reason spam), or delivered; with rspamd out of reach, delivered
 * unscanned or deferred ({@link org.postroom.smtp.inbound.spam.FailMode}). What it decided travels
 * to the commit as {@link org.postroom.smtp.inbound.spam.SpamFindings}: the verdict stored with the
 * message, the hold, the rewritten header section ({@link org.postroom.smtp.inbound.spam.SpamHeaders}).
 * {@link org.postroom.smtp.inbound.spam.SpamFilter} is what the chains take from here.
 */
package org.postroom.smtp.inbound.spam;
