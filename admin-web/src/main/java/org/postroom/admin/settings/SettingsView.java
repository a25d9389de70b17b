package org.postroom.admin.settings;

import java.util.List;

/**
 * The read-only settings as the page and {@code /api/v1/settings} show them.
 *
 * @param certificate null while the listeners' certificate is not known
 * @param renewal null when the certificate does not come from an ACME CA
 * @param spool null when the spool's free space cannot be read
 */
public record SettingsView(String hostname, List<Listener> listeners, TlsCertificate certificate,
        CertificateRenewal renewal, SpoolSpace spool) {

    public SettingsView {
        listeners = List.copyOf(listeners);
    }

    /** One mail listener: what it is for, its port and how TLS starts on it. */
    public record Listener(String service, int port, String security) {
    }

    public static SettingsView of(ServerSettings server) {
        MailPorts ports = server.ports();
        return new SettingsView(server.hostname(), List.of(
                new Listener("SMTP from other servers (MX)", ports.smtp(), "STARTTLS offered"),
                new Listener("Submission from mail clients", ports.submission(), "STARTTLS required"),
                new Listener("Submission from mail clients", ports.smtps(), "implicit TLS"),
                new Listener("POP3", ports.pop3(), "STARTTLS (STLS) required"),
                new Listener("POP3", ports.pop3s(), "implicit TLS")),
                server.certificate().orElse(null), server.renewal().orElse(null), server.spool().orElse(null));
    }
}
