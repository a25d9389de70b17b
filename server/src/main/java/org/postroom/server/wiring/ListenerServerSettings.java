package org.postroom.server.wiring;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import org.postroom.admin.settings.CertificateRenewal;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.SpoolSpace;
import org.postroom.admin.settings.TlsCertificate;
import org.postroom.listener.tls.CertificateInfo;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.Pop3Properties;
import org.postroom.server.config.Pop3sProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.SmtpProperties;
import org.postroom.server.config.SmtpsProperties;
import org.postroom.server.config.SubmissionProperties;
import org.postroom.smtp.inbound.Spool;
import org.postroom.storage.acme.CertificateStore;

/**
 * What the console shows about the server: the configured host name and mail ports, and the
 * certificate the listeners present right now (the operator's, the ACME CA's, or the generated
 * self-signed one; a renewed one shows as soon as the listeners picked it up), and how ordering it
 * from the ACME CA goes, and the room the SMTP spool's disk has.
 */
final class ListenerServerSettings implements ServerSettings {

    private final PostroomProperties server;
    private final MailPorts ports;
    private final ListenerTls tls;
    private final URI acmeDirectory;
    private final CertificateStore renewals;
    private final Spool spool;

    /** {@code renewals}: where the ACME client records how ordering goes; null when it is off. */
    ListenerServerSettings(PostroomProperties server, SmtpProperties smtp, SubmissionProperties submission,
            SmtpsProperties smtps, Pop3Properties pop3, Pop3sProperties pop3s, ListenerTls tls, URI acmeDirectory,
            CertificateStore renewals, Spool spool) {
        this.server = server;
        this.ports = new MailPorts(smtp.port(), submission.port(), smtps.port(), pop3.port(), pop3s.port());
        this.tls = tls;
        this.acmeDirectory = acmeDirectory;
        this.renewals = renewals;
        this.spool = spool;
    }

    @Override
    public String hostname() {
        return server.hostname();
    }

    @Override
    public MailPorts ports() {
        return ports;
    }

    @Override
    public Optional<TlsCertificate> certificate() {
        CertificateInfo current = tls.currentCertificate();
        return Optional.of(new TlsCertificate(current.subject(), current.issuer(), current.notBefore(),
                current.notAfter(), current.names()));
    }

    @Override
    public Optional<CertificateRenewal> renewal() {
        if (renewals == null) {
            return Optional.empty();
        }
        CertificateRenewal renewal = renewals.renewal()
                .map(state -> new CertificateRenewal(acmeDirectory.toString(), state.attemptedAt(), state.lastError(),
                        state.failures(), state.retryAt()))
                .orElseGet(() -> new CertificateRenewal(acmeDirectory.toString(), null, null, 0, null));
        return Optional.of(renewal);
    }

    /** Empty when the file system cannot say: the spool's health check reports that failure. */
    @Override
    public Optional<SpoolSpace> spool() {
        try {
            return Optional.of(SpoolSpace.of(spool.directory().toString(), spool.freeSpace(), spool.minFreeSpace()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
