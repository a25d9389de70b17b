package org.postroom.server.wiring;

import java.util.Optional;

import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.TlsCertificate;
import org.postroom.listener.tls.CertificateInfo;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.Pop3Properties;
import org.postroom.server.config.Pop3sProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.SmtpProperties;
import org.postroom.server.config.SmtpsProperties;
import org.postroom.server.config.SubmissionProperties;

/**
 * What the console shows about the server: the configured host name and mail ports, and the
 * certificate the listeners present right now (the operator's, or the generated self-signed one;
 * a renewed file shows as soon as the listeners picked it up).
 */
final class ListenerServerSettings implements ServerSettings {

    private final PostroomProperties server;
    private final MailPorts ports;
    private final ListenerTls tls;

    ListenerServerSettings(PostroomProperties server, SmtpProperties smtp, SubmissionProperties submission,
            SmtpsProperties smtps, Pop3Properties pop3, Pop3sProperties pop3s, ListenerTls tls) {
        this.server = server;
        this.ports = new MailPorts(smtp.port(), submission.port(), smtps.port(), pop3.port(), pop3s.port());
        this.tls = tls;
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
                current.notAfter()));
    }
}
