package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * A background job on one daemon thread of its own, started and stopped with the application: the
 * expiries ({@link ExpiryTimer}), the users' digest. Stopping drops what was scheduled; a job in progress is
 * interrupted.
 */
abstract class DaemonTimer implements SmartLifecycle {

    private final String threadName;
    private ScheduledExecutorService timer;

    DaemonTimer(String threadName) {
        this.threadName = threadName;
    }

    /** Schedules the job's first run (and, for a periodic job, the rest) on the timer just started. */
    abstract void schedule(ScheduledExecutorService started);

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
        schedule(timer);
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

    /** Runs {@code task} once after {@code delay}, unless the timer was stopped meanwhile. */
    synchronized void later(Runnable task, Duration delay) {
        if (timer != null) {
            timer.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }
}
