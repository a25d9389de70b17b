package org.postroom.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.testing.TestClock;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.queue.QueueSummary;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The queue gauges read one summary per period, however often they are scraped. */
class QueueGaugesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private final AtomicInteger queries = new AtomicInteger();
    private final TestClock clock = new TestClock(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private QueueSummary summary = new QueueSummary(3, NOW.minusSeconds(90), Duration.ofSeconds(90));
    private boolean databaseDown;

    QueueGaugesTest() {
        new QueueGauges(() -> {
            queries.incrementAndGet();
            if (databaseDown) {
                throw new StorageUnavailableException("summarise the queue", new java.sql.SQLException("down"));
            }
            return summary;
        }, Duration.ofSeconds(5), clock).bindTo(registry);
    }

    @Test
    void depthAndOldestAgeComeFromOneSummaryPerPeriod() {
        assertThat(depth()).isEqualTo(3);
        assertThat(oldestAgeSeconds()).isEqualTo(90);
        assertThat(depth()).isEqualTo(3);
        assertThat(queries).hasValue(1);

        summary = new QueueSummary(0, null, Duration.ZERO);
        clock.advance(Duration.ofSeconds(4));
        assertThat(depth()).isEqualTo(3);
        assertThat(queries).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(depth()).isZero();
        assertThat(oldestAgeSeconds()).as("an empty queue has waited for nothing").isZero();
        assertThat(queries).hasValue(2);
    }

    @Test
    void withTheDatabaseDownTheGaugesHaveNoValueRatherThanAStaleOne() {
        assertThat(depth()).isEqualTo(3);
        databaseDown = true;
        clock.advance(Duration.ofSeconds(6));
        assertThat(depth()).isNaN();
        assertThat(oldestAgeSeconds()).isNaN();
    }

    private double depth() {
        return registry.get("postroom.queue.depth").gauge().value();
    }

    private double oldestAgeSeconds() {
        return registry.get("postroom.queue.oldest.age").timeGauge().value();
    }
}
