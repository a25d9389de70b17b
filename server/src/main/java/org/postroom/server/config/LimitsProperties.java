package org.postroom.server.config;

import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The sending limits of users who submit mail (ports 587 and 465): the server's limits, which
 * users and domains without limits of their own take, and the suspension of a user's sending after
 * too many refusals in a day. Each limit 0 means none.
 *
 * @param enabled off: submission neither counts nor limits nor suspends anyone (suspensions in force
 *        are not applied either)
 * @param messagesPerHour messages per clock hour; the next gets 451 4.7.1
 * @param messagesPerDay messages in the last 24 clock hours; the next gets 550 5.7.1
 * @param recipientsPerMessage recipients of one message; the next RCPT gets 452 4.5.3 (the listener's
 *        {@code postroom.smtp.max-recipients} applies besides)
 * @param recipientsPerDay recipients in the last 24 clock hours; the next gets 550 5.7.1
 * @param lockAfter refusals for a limit (or messages rspamd rejected at submission) in 24 hours that
 *        suspend the user's sending until an administrator lifts it; 0 never
 */
@ConfigurationProperties("postroom.limits")
@Validated
public record LimitsProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("200") @Min(0) int messagesPerHour,
        @DefaultValue("1000") @Min(0) int messagesPerDay,
        @DefaultValue("0") @Min(0) int recipientsPerMessage,
        @DefaultValue("2000") @Min(0) int recipientsPerDay,
        @DefaultValue("3") @Min(0) int lockAfter) {

    /** The server's limits and suspension rule as storage takes them: a limit of 0 is none. */
    public SendingPolicy policy() {
        return new SendingPolicy(new SendingLimits(orNone(messagesPerHour), orNone(messagesPerDay),
                orNone(recipientsPerMessage), orNone(recipientsPerDay)), lockAfter);
    }

    private static Integer orNone(int limit) {
        return limit == 0 ? null : limit;
    }
}
