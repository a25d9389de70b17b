package org.postroom.server.wiring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.TlsCertificate;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.TlsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * What the console shows about the server, read from the configuration: the host name, the mail
 * ports ({@code postroom.<listener>.port}, standard ports when unset) and the configured
 * certificate file's first certificate, read again on every call so a renewed file shows at once.
 *
 * <p>A stand-in until the listener and TLS modules are wired: then the ports come from their typed
 * configuration and the certificate from the TLS context the listeners really use (including the
 * generated self-signed one, which shows here as unknown).
 */
final class ConfiguredServerSettings implements ServerSettings {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredServerSettings.class);

    private final PostroomProperties server;
    private final TlsProperties tls;
    private final Environment environment;

    ConfiguredServerSettings(PostroomProperties server, TlsProperties tls, Environment environment) {
        this.server = server;
        this.tls = tls;
        this.environment = environment;
    }

    @Override
    public String hostname() {
        return server.hostname();
    }

    @Override
    public MailPorts ports() {
        MailPorts standard = MailPorts.standard();
        return new MailPorts(port("smtp", standard.smtp()), port("submission", standard.submission()),
                port("smtps", standard.smtps()), port("pop3", standard.pop3()), port("pop3s", standard.pop3s()));
    }

    @Override
    public Optional<TlsCertificate> certificate() {
        if (!tls.configured()) {
            return Optional.empty();
        }
        return read(tls.certFile());
    }

    private int port(String listener, int standard) {
        return environment.getProperty("postroom." + listener + ".port", Integer.class, standard);
    }

    private static Optional<TlsCertificate> read(Path file) {
        try (InputStream pem = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(pem).stream().findFirst()
                    .map(X509Certificate.class::cast)
                    .map(cert -> new TlsCertificate(
                            cert.getSubjectX500Principal().getName(), cert.getIssuerX500Principal().getName(),
                            cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()));
        } catch (IOException | CertificateException e) {
            log.warn("cannot read the certificate in {} for the settings page: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
