/**
 * Delivery status notifications (RFC 3464), for both sides: outbound delivery reports recipients
 * it failed or is still trying ({@link org.postroom.smtp.dsn.Bounces}), inbound submission the
 * local recipients whose mailbox turned out full at the commit ({@link
 * org.postroom.smtp.dsn.QuotaBounces}). A DSN ({@link org.postroom.smtp.dsn.DeliveryStatusNotification})
 * goes from {@code MAILER-DAEMON@<hostname>} with the null sender, into the sender's mailbox when
 * local and through the outbound queue when not; mail from the null sender never gets one. This
 * package knows neither side: what it reports comes as {@link org.postroom.smtp.reply.Diagnosis}
 * values.
 */
package org.postroom.smtp.dsn;
