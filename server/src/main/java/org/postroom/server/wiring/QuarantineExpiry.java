package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postroom.storage.Printable;
import org.postroom.storage.quarantine.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes held messages older than {@code postroom.quarantine.retention}, once shortly after start
 * and then every {@code interval}, on a thread of its own. Every process runs it; storage lets them
 * share the work. A failed round (database down) is logged and tried again at the next one.
 */
final class QuarantineExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QuarantineExpiry.class);

    private final Quarantine quarantine;
    private final Duration retention;
    private final Duration interval;
    private ScheduledExecutorService timer;

    QuarantineExpiry(Quarantine quarantine, Duration retention, Duration interval) {
        this.quarantine = quarantine;
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "quarantine-expiry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::expire, Math.min(interval.toMillis(), 60_000), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    private void expire() {
        try {
            int expired = quarantine.expire(retention);
            if (expired > 0) {
                log.info("quarantine: {} held messages older than {} deleted undelivered", expired, retention);
            }
        } catch (RuntimeException e) {
            log.warn("quarantine: expiry failed, tried again in {}: {}", interval, Printable.text(e.getMessage()));
        }
    }
}
