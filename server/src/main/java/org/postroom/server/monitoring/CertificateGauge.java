package org.postroom.server.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.postroom.listener.tls.CertificateInfo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code postroom.tls.certificate.expiry} (Prometheus: {@code postroom_tls_certificate_expiry_days}):
 * days until the certificate the listeners and the console present now expires, negative once it
 * has; whether it came from ACME, the operator's files or was generated. Alert well before 0: an
 * ACME renewal starts 30 days before.
 */
public final class CertificateGauge implements MeterBinder {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    private final Supplier<CertificateInfo> certificate;
    private final Clock clock;

    public CertificateGauge(Supplier<CertificateInfo> certificate, Clock clock) {
        this.certificate = certificate;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("postroom.tls.certificate.expiry", this, CertificateGauge::daysLeft)
                .description("days until the TLS certificate in use expires").baseUnit("days").register(registry);
    }

    double daysLeft() {
        return Duration.between(clock.instant(), certificate.get().notAfter()).toSeconds() / SECONDS_PER_DAY;
    }
}
