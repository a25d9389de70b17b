package org.postroom.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.postroom.admin.settings.CertificateRenewal;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.SpoolSpace;
import org.postroom.admin.settings.TlsCertificate;

/**
 * The server as the tests see it: {@value #HOSTNAME}, the ports the RFCs assign (which the server
 * listens on unless configured otherwise), and a Let's Encrypt certificate issued 30 days ago whose
 * renewal failed twice since, and a spool disk with {@link #spoolFree(long) room} (1 GiB free unless a test
 * says otherwise).
 */
public final class FixedServerSettings implements ServerSettings {

    public static final String HOSTNAME = "mail.example.net";

    public static final String ACME_ERROR = "too many certificates already issued for this exact set of domains";

    public static final long SPOOL_MIN_FREE = 64L << 20;

    private static final Instant ISSUED = Instant.now().minus(Duration.ofDays(30));

    private final AtomicLong spoolFree = new AtomicLong(1L << 30);

    @Override
    public String hostname() {
        return HOSTNAME;
    }

    @Override
    public MailPorts ports() {
        return new MailPorts(25, 587, 465, 110, 995);
    }

    @Override
    public Optional<TlsCertificate> certificate() {
        return Optional.of(new TlsCertificate("CN=" + HOSTNAME, "CN=R11, O=Let's Encrypt, C=US", ISSUED,
                ISSUED.plus(Duration.ofDays(90)), List.of(HOSTNAME, "autoconfig.example.com")));
    }

    @Override
    public Optional<CertificateRenewal> renewal() {
        return Optional.of(new CertificateRenewal("https://acme-v02.api.letsencrypt.org/directory",
                Instant.now().minus(Duration.ofMinutes(3)), ACME_ERROR, 2, Instant.now().plus(Duration.ofMinutes(7))));
    }

    @Override
    public Optional<SpoolSpace> spool() {
        return Optional.of(SpoolSpace.of("/var/lib/postroom/spool", spoolFree.get(), SPOOL_MIN_FREE));
    }

    /** Makes the spool's disk have {@code bytes} free, until a test sets it back; returns what it had. */
    public long spoolFree(long bytes) {
        return spoolFree.getAndSet(bytes);
    }
}
