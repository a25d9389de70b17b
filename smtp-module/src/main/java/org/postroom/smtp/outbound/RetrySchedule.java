package org.postroom.smtp.outbound;

import java.time.Duration;
import java.util.List;

/**
 * When a deferred entry is tried next: after its n-th failed attempt it waits {@code delays[n]},
 * and the last delay repeats. Nothing is tried after {@code maxAge} from when the entry was
 * queued; the last attempt is scheduled right at that limit, so the final verdict comes on time.
 * The queue applies both on the database's clock ({@code DeliveryQueue.defer}), so every process
 * keeps the same schedule whatever its own clock says.
 */
public record RetrySchedule(List<Duration> delays, Duration maxAge) {

    /** Roughly 1m, 5m, 15m, 30m, 1h, then every 2h for five days: what operators expect of an MTA. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2)), Duration.ofDays(5));

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("the retry schedule needs at least one positive delay");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the maximum age must be positive");
        }
    }

    /** How long an entry that has failed {@code failedAttempts} times before this failure waits. */
    public Duration delayAfter(int failedAttempts) {
        return delays.get(Math.min(failedAttempts, delays.size() - 1));
    }
}
