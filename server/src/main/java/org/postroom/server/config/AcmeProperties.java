package org.postroom.server.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The server's own certificate from an ACME CA (RFC 8555), Let's Encrypt by default.
 *
 * @param enabled order and renew the certificate of {@code postroom.hostname} (and the
 *        {@code autoconfig.}, {@code autodiscover.} and {@code mta-sts.} names of each domain that
 *        resolve to this server); off by default. Certificate files configured in {@code
 *        postroom.tls.cert-file} win over it.
 * @param directory the CA's directory URL; Let's Encrypt's staging CA is {@code
 *        https://acme-staging-v02.api.letsencrypt.org/directory}
 * @param email the contact address the CA writes to about the account (expiry, policy); optional
 * @param httpPort where the CA's HTTP-01 requests arrive: port 80 of the host names, which must reach
 *        this port; when it differs from {@code server.port}, a plain-HTTP port of its own is opened
 * @param trustFile PEM certificates trusted for the CA's HTTPS besides the JDK's (a company's own
 *        ACME CA); unset: the JDK's alone
 * @param checkInterval how often each process compares its certificate with the stored one and
 *        looks whether one is due (renewal 30 days before expiry, or a name changed)
 */
@ConfigurationProperties("postroom.acme")
@Validated
public record AcmeProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue(LETS_ENCRYPT) URI directory,
        @DefaultValue("") String email,
        @DefaultValue("80") @Port int httpPort,
        Path trustFile,
        @DefaultValue("1m") @DurationMin(seconds = 1, message = "must be at least 1s") Duration checkInterval) {

    public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

    public AcmeProperties {
        String scheme = directory.getScheme() == null ? "" : directory.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("acme") || directory.getHost() == null) {
            throw new IllegalArgumentException("postroom.acme.directory must be the CA's https:// directory URL, like "
                    + LETS_ENCRYPT + ", not '" + directory + "'");
        }
        email = email == null ? "" : email.strip();
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("postroom.acme.email must be a mail address, not '" + email + "'");
        }
        // docker compose passes an unset variable as an empty string
        trustFile = trustFile == null || trustFile.toString().isBlank() ? null : trustFile;
        if (trustFile != null && !Files.isReadable(trustFile)) {
            throw new IllegalArgumentException("postroom.acme.trust-file names a file that cannot be read: " + trustFile);
        }
    }
}
