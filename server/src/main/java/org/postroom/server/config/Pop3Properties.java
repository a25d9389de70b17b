package org.postroom.server.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * POP3 on its STLS port, and the rules both POP3 listeners (this one and {@link Pop3sProperties})
 * share.
 *
 * @param port the POP3 port, with STLS (RFC 2595); 0 picks a free port
 * @param allowPlaintextAuth whether USER/PASS and AUTH PLAIN are accepted before TLS; off, a client
 *        must use STLS or port 995 first, so passwords never cross the network in the clear
 * @param idleTimeout how long a session may stay silent before it is closed (and its maildrop
 *        lock released); RFC 1939 §3 requires at least 10 minutes
 * @param commandTimeout a command line must be complete this long after its first byte, else
 *        {@code -ERR} and close (against clients that trickle a command byte by byte)
 * @param maxConnections concurrent connections of this process on each POP3 listener
 * @param maxConnectionsPerIp concurrent connections from one client IP on each POP3 listener; an
 *        office behind NAT is one IP, so keep it generous
 */
@ConfigurationProperties("postroom.pop3")
@Validated
public record Pop3Properties(@DefaultValue("110") @Port int port, @DefaultValue("false") boolean allowPlaintextAuth,
        // RFC 1939 §3: "the timer MUST be of at least 10 minutes duration"
        @DefaultValue("10m") @DurationMin(minutes = 10, message = "must be at least 10m (RFC 1939 §3)")
        Duration idleTimeout,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration commandTimeout,
        @DefaultValue("1000") @Min(1) int maxConnections,
        @DefaultValue("100") @Min(1) int maxConnectionsPerIp) {

    public Pop3Properties {
        if (maxConnectionsPerIp > maxConnections) {
            throw new IllegalArgumentException(
                    "postroom.pop3.max-connections-per-ip must not be above postroom.pop3.max-connections");
        }
    }
}
