package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Deletes what has expired from one of storage's tables, once shortly after start and then every
 * {@code interval}, on a thread of its own. Every process runs it; storage lets them share the
 * work. A failed round (database down) is logged and tried again at the next one.
 */
abstract class ExpiryTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryTimer.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService timer;

    /** {@code name} says what expires, in the thread's name and the log lines, e.g. "quarantine". */
    ExpiryTimer(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    @Override
    public final synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name + "-expiry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::round, Math.min(interval.toMillis(), 60_000), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public final synchronized void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public final synchronized boolean isRunning() {
        return timer != null;
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
