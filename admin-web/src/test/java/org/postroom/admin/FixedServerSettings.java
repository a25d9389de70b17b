package org.postroom.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.postroom.admin.settings.CertificateRenewal;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.TlsCertificate;

/**
 * The server as the tests see it: {@value #HOSTNAME}, the ports the RFCs assign (which the server
 * listens on unless configured otherwise), and a Let's Encrypt certificate issued 30 days ago whose
 * renewal failed twice since.
 */
public final class FixedServerSettings implements ServerSettings {

    public static final String HOSTNAME = "mail.example.net";

    public static final String ACME_ERROR = "too many certificates already issued for this exact set of domains";

    private static final Instant ISSUED = Instant.now().minus(Duration.ofDays(30));

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
}
