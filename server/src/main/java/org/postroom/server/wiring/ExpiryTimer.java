package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has expired from one of storage's tables, once shortly after start and then every
 * {@code interval}. Every process runs it; storage lets them share the work. A failed round
 * (database down) is logged and tried again at the next one.
 */
abstract class ExpiryTimer extends DaemonTimer {

    private static final Logger log = LoggerFactory.getLogger(ExpiryTimer.class);

    private final String name;
    private final Duration interval;

    /** {@code name} says what expires, in the thread's name and the log lines, e.g. "quarantine". */
    ExpiryTimer(String name, Duration interval) {
        super(name + "-expiry");
        this.name = name;
        this.interval = interval;
    }

    @Override
    final void schedule(ScheduledExecutorService started) {
        started.scheduleWithFixedDelay(this::round, Math.min(interval.toMillis(), 60_000), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One round: deletes what has expired, and logs it when there was any. */
    abstract void expire();

    private void round() {
        try {
            expire();
        } catch (RuntimeException e) {
            log.warn("{}: expiry failed, tried again in {}: {}", name, interval, Printable.text(e.getMessage()));
        }
    }
}
