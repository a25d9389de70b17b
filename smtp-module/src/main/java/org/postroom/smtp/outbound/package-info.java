/**
 * Outbound delivery: getting queued mail to other companies' servers, and telling the sender when
 * that is impossible.
 *
 * <p>{@link org.postroom.smtp.outbound.DeliveryWorkers} claim due groups from the outbound queue
 * (one message, one recipient domain, one SMTP transaction) and wake on the queue's NOTIFY;
 * {@link org.postroom.smtp.outbound.OutboundDelivery} runs one attempt: the next hops from
 * {@link org.postroom.smtp.outbound.NextHopResolver} (route, relay host, or DNS through
 * {@link org.postroom.smtp.outbound.DnsLookup}: MX by preference, implicit MX, null MX per RFC
 * 7505), the DKIM signature, the SMTP transaction on Angus Mail
 * ({@link org.postroom.smtp.outbound.SmtpClient}); every recipient ends with a
 * {@link org.postroom.smtp.outbound.DeliveryOutcome}. Deferred entries are retried by the
 * {@link org.postroom.smtp.outbound.RetrySchedule} until their maximum age; failed ones get an
 * RFC 3464 DSN ({@link org.postroom.smtp.dsn}), never one for mail from the null sender. Why a
 * recipient was not delivered is a {@link org.postroom.smtp.reply.Diagnosis}, with the status codes
 * of {@link org.postroom.smtp.reply.Codes}.
 *
 * <p>An entry is completed only after the remote server's 250 to the data, so a crash at any
 * point repeats a delivery at worst and never loses one.
 */
package org.postroom.smtp.outbound;
