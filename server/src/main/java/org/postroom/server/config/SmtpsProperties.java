package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message submission over implicit TLS (RFC 8314 §3.3); its limits are those of {@link SmtpProperties}.
 *
 * @param port the implicit-TLS submission port (0 picks a free port)
 */
@ConfigurationProperties("postroom.smtps")
public record SmtpsProperties(@DefaultValue("465") int port) {

    public SmtpsProperties {
        Ports.requireValid("postroom.smtps.port", port);
    }
}
