package org.postroom.smtp.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a deferred entry is tried next: after its n-th failed attempt it waits {@code delays[n]},
 * and the last delay repeats. Nothing is tried after {@code maxAge} from when the entry was
 * queued; the last attempt is scheduled right at that limit, so the final verdict comes on time.
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

    /**
     * The next attempt of an entry queued at {@code queuedAt} that has failed {@code failedAttempts}
     * times before this failure; empty when it has expired and must fail for good.
     */
    public Optional<Instant> nextAttempt(Instant queuedAt, int failedAttempts, Instant now) {
        Instant expiry = queuedAt.plus(maxAge);
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        Instant next = now.plus(delays.get(Math.min(failedAttempts, delays.size() - 1)));
        return Optional.of(next.isAfter(expiry) ? expiry : next);
    }
}
