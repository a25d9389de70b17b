package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's own HTTPS: console, REST API, account page and mail-client autoconfiguration,
 * with the mail listeners' certificate.
 *
 * @param enabled serve HTTPS on {@code port} and redirect plain HTTP ({@code server.port}) there,
 *        except the ACME challenge, mail-client autoconfiguration and the health probes; off,
 *        {@code server.port} serves everything in plain HTTP (behind a reverse proxy with HTTPS)
 * @param port the HTTPS port; 0 picks a free one
 */
@ConfigurationProperties("postroom.https")
@Validated
public record HttpsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("8443") @Port int port) {
}
