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
