/**
 * Postroom's SMTP server on Apache James Protocols: the MX and submission handler chains ({@link
 * org.postroom.smtp.inbound.InboundChains}), the session with its replies and its one log line,
 * the commands James gets wrong for us (AUTH, and the sequence errors of MAIL, RCPT and DATA), the
 * spool that keeps a message out of the heap between DATA and its commit, the Received and
 * submission headers, submission's check of the From: field, and the hook that commits the message
 * to the mail store.
 *
 * <p>The policies themselves live in {@link org.postroom.smtp.inbound.hook}; the replies in {@link
 * org.postroom.smtp.reply}. The sockets, TLS and threads belong to listener-module.
 */
package org.postroom.smtp.inbound;
