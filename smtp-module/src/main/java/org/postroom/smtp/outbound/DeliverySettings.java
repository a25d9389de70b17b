package org.postroom.smtp.outbound;

import java.time.Duration;

/**
 * How outbound delivery behaves.
 *
 * @param hostname the name we greet with (EHLO) and report DSNs as
 * @param connectTimeout for each TCP connection
 * @param readTimeout for every reply, including the one after the final dot (RFC 5321 §4.5.3.2
 *        suggests minutes, since a server may scan the message before it answers)
 * @param retries when deferred entries are tried again, and when they expire
 * @param delayWarning age at which the sender is told once that delivery is delayed; zero for never
 */
public record DeliverySettings(String hostname, Duration connectTimeout, Duration readTimeout, RetrySchedule retries,
        Duration delayWarning) {
}
