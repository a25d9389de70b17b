package org.postroom.server.wiring;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.postroom.server.acme.CertificateRenewal;
import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link CertificateRenewal} check on a thread of its own: first right after start (once
 * the web ports answer the CA's challenges), then every {@code postroom.acme.check-interval}. A
 * check that fails (database or DNS down) is logged and tried again at the next one.
 */
final class AcmeSchedule extends DaemonTimer {

    private static final Logger log = LoggerFactory.getLogger(AcmeSchedule.class);

    private final CertificateRenewal renewal;
    private final Duration interval;

    AcmeSchedule(CertificateRenewal renewal, Duration interval) {
        super("acme");
        this.renewal = renewal;
        this.interval = interval;
    }

    @Override
    void schedule(ScheduledExecutorService started) {
        started.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            renewal.check();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("acme: the certificate check failed, tried again in {}: {}", interval,
                    Printable.text(String.valueOf(e.getMessage())));
        }
    }
}
