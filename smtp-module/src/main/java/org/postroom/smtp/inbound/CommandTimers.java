package org.postroom.smtp.inbound;

import java.time.Duration;
import java.util.Locale;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * James's metrics port over Micrometer, so the time each SMTP command takes shows at {@code
 * /actuator/prometheus} as the timer {@code postroom.smtp.command} tagged with the command.
 */
public final class CommandTimers implements MetricFactory {

    private final MeterRegistry registry;

    public CommandTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Not used by James's SMTP handlers, which only time their commands. */
    @Override
    public Metric generate(String name) {
        throw new UnsupportedOperationException("no counter metrics for SMTP: " + name);
    }

    @Override
    public TimeMetric timer(String name) {
        // James names them "SMTP-mail", "SMTP-DATA", "SMTP-unknown"
        String command = name.substring(name.indexOf('-') + 1).toLowerCase(Locale.ROOT);
        Timer timer = Timer.builder("postroom.smtp.command").tag("command", command).register(registry);
        long start = System.nanoTime();
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                timer.record(elapsed);
                return new ExecutionResult() {
                    @Override
                    public Duration elasped() {
                        return elapsed;
                    }

                    @Override
                    public ExecutionResult logWhenExceedP99(Duration threshold) {
                        return this;
                    }
                };
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}
