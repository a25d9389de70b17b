package org.postroom.server.config;

import org.postroom.smtp.SmtpStandard;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Message submission over implicit TLS (RFC 8314 §3.3); its limits are those of {@link SmtpProperties}.
 *
 * @param port the implicit-TLS submission port (0 picks a free port)
 */
@ConfigurationProperties("postroom.smtps")
@Validated
public record SmtpsProperties(@DefaultValue("" + SmtpStandard.SUBMISSIONS_PORT) @Port int port) {
}
