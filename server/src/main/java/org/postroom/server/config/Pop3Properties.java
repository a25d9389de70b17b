package org.postroom.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
public record Pop3Properties(@DefaultValue("110") int port, @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("10m") Duration idleTimeout, @DefaultValue("60s") Duration commandTimeout,
        @DefaultValue("1000") int maxConnections,
        @DefaultValue("100") int maxConnectionsPerIp) {

    /** RFC 1939 §3: "the timer MUST be of at least 10 minutes duration". */
    public static final Duration MIN_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public Pop3Properties {
        Ports.requireValid("postroom.pop3.port", port);
        if (idleTimeout.compareTo(MIN_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("postroom.pop3.idle-timeout must be at least 10m (RFC 1939), not " + idleTimeout);
        }
        ListenerTimeouts.requireAtLeastOneSecond("postroom.pop3.command-timeout", commandTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("postroom.pop3.max-connections must be at least 1");
        }
        if (maxConnectionsPerIp < 1 || maxConnectionsPerIp > maxConnections) {
            throw new IllegalArgumentException(
                    "postroom.pop3.max-connections-per-ip must be between 1 and postroom.pop3.max-connections");
        }
    }
}
