package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * POP3 over implicit TLS (RFC 8314 §3.3, "POP3S"), what mail clients call "port 995, SSL". Its
 * other rules are those of {@link Pop3Properties}.
 *
 * @param port the POP3S port; 0 picks a free port
 */
@ConfigurationProperties("postroom.pop3s")
public record Pop3sProperties(@DefaultValue("995") int port) {

    public Pop3sProperties {
        Ports.requireValid("postroom.pop3s.port", port);
    }
}
