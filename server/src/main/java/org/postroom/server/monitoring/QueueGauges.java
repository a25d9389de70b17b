package org.postroom.server.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.queue.QueueSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbound queue as gauges: {@code postroom.queue.depth} (entries waiting, in all processes)
 * and {@code postroom.queue.oldest.age} (how long the oldest of them has waited, on the database's
 * clock, which queue times are written on; 0 when the queue is empty). Both read one {@link
 * QueueSummary}, fetched at most once per {@code maxAge} of this process's clock, so that
 * scrapes (several Prometheus servers, several gauges) do not each query the database. When the
 * database cannot be asked, both report NaN: no number rather than a stale one.
 */
public final class QueueGauges implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

    private final Supplier<QueueSummary> summaries;
    private final Duration maxAge;
    private final Clock clock;
    private Optional<QueueSummary> cached = Optional.empty();
    private Instant fetchedAt = Instant.MIN;

    /** {@code summaries} is asked at most once per {@code maxAge}, e.g. {@code DeliveryQueue::summary}. */
    public QueueGauges(Supplier<QueueSummary> summaries, Duration maxAge, Clock clock) {
        this.summaries = summaries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("postroom.queue.depth", this, QueueGauges::depth)
                .description("outbound queue entries waiting for delivery").baseUnit("entries").register(registry);
        TimeGauge.builder("postroom.queue.oldest.age", this, TimeUnit.SECONDS, QueueGauges::oldestAgeSeconds)
                .description("how long the oldest outbound queue entry has waited").register(registry);
    }

    double depth() {
        return summary().map(summary -> (double) summary.depth()).orElse(Double.NaN);
    }

    double oldestAgeSeconds() {
        return summary().map(summary -> summary.oldestAge().toMillis() / 1000.0).orElse(Double.NaN);
    }

    private synchronized Optional<QueueSummary> summary() {
        Instant now = clock.instant();
        if (fetchedAt.plus(maxAge).isAfter(now)) {
            return cached;
        }
        fetchedAt = now;
        try {
            cached = Optional.of(summaries.get());
        } catch (StorageUnavailableException e) {
            log.debug("queue gauges unavailable: {}", e.getMessage());
            cached = Optional.empty();
        }
        return cached;
    }
}
