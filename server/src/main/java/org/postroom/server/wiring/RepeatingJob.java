package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job run on a thread of its own right after start, then again {@code interval} after each run
 * ends: the certificate check of ACME ({@code postroom.acme.check-interval}), the background check of
 * the domains' DNS records ({@code postroom.dns.check-interval}). A run that fails (database or DNS
 * down) is logged and the job tried again at the next one.
 */
final class RepeatingJob extends DaemonTimer {

    private static final Logger log = LoggerFactory.getLogger(RepeatingJob.class);

    /** One run of the job; interrupted when the application stops. */
    @FunctionalInterface
    interface Run {
        void run() throws InterruptedException;
    }

    private final Run job;
    private final Duration interval;
    private final String failure;

    /** {@code failure}: what the log line says failed, e.g. "acme: the certificate check". */
    RepeatingJob(String threadName, Run job, Duration interval, String failure) {
        super(threadName);
        this.job = job;
        this.interval = interval;
        this.failure = failure;
    }

    @Override
    void schedule(ScheduledExecutorService started) {
        started.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            job.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("{} failed, tried again in {}: {}", failure, interval,
                    Printable.text(String.valueOf(e.getMessage())));
        }
    }
}
