package org.postroom.storage.limits;

import java.time.Instant;

/**
 * One submitted message to be counted against its user's limits in the transaction that commits it
 * ({@link SendingCounters#charge}).
 *
 * @param recipients the message's envelope recipients
 * @param limits the limits that apply to the user
 * @param now the time of the commit, whose clock hour the message is counted in
 */
public record SendingCharge(long userId, int recipients, SendingLimits limits, Instant now) {
}
