package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postroom.storage.Printable;
import org.postroom.storage.quarantine.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes held messages older than {@code postroom.quarantine.retention}, once shortly after start
 * and then every {@code interval}, on a thread of its own. Every process runs it; storage lets them
 * share the work. A failed round (database down) is logged and tried again at the next one.
 */
final class QuarantineExpiry extends DaemonTimer {

    private static final Logger log = LoggerFactory.getLogger(QuarantineExpiry.class);

    private final Quarantine quarantine;
    private final Duration retention;
    private final Duration interval;

    QuarantineExpiry(Quarantine quarantine, Duration retention, Duration interval) {
        super("quarantine-expiry");
        this.quarantine = quarantine;
        this.retention = retention;
        this.interval = interval;
    }

    @Override
    void schedule(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::expire, Math.min(interval.toMillis(), 60_000), interval.toMillis(),
                TimeUnit.MILLISECONDS);
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
