package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * POP3 over implicit TLS (RFC 8314 §3.3, "POP3S"), what mail clients call "port 995, SSL". Its
 * other rules are those of {@link Pop3Properties}.
 *
 * @param port the POP3S port; 0 picks a free port
 */
@ConfigurationProperties("postroom.pop3s")
@Validated
public record Pop3sProperties(@DefaultValue("995") @Port int port) {
}
