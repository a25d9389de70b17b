package org.postroom.server.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP listeners: the MX port, and the limits all three SMTP listeners (MX, submission,
 * implicit-TLS submission) share.
 *
 * @param port the MX port, where the internet delivers the company's mail (0 picks a free port)
 * @param maxMessageSize the largest message taken, announced with SIZE (RFC 1870)
 * @param maxRecipients recipients per message; at least 100 (RFC 5321 §4.5.3.1.8)
 * @param idleTimeout a session without a command for this long is closed with 421
 * @param commandTimeout a command line must be complete this long after its first byte, else 421
 *        4.4.2 and close (against clients that trickle a command byte by byte)
 * @param dataMinRate during DATA at least this much must arrive in every {@code dataRateWindow},
 *        else 421 4.4.2 and close; a message line may take longer than the command timeout
 * @param dataRateWindow the window over which {@code dataMinRate} is measured
 * @param maxConnections open SMTP connections per listener; further clients get 421
 * @param maxConnectionsPerIp open SMTP connections per listener from one IP address (an IPv6 /64)
 */
@ConfigurationProperties("postroom.smtp")
public record SmtpProperties(@DefaultValue("25") int port, @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxRecipients, @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("60s") Duration commandTimeout, @DefaultValue("1KB") DataSize dataMinRate,
        @DefaultValue("60s") Duration dataRateWindow, @DefaultValue("1000") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerIp) {

    /** RFC 5321 §4.5.3.1.8: a server must take at least 100 recipients. */
    private static final int MIN_RECIPIENTS = 100;
    /** A message must hold at least a header section and a few lines. */
    private static final long MIN_MESSAGE_SIZE = 1024;

    public SmtpProperties {
        Ports.requireValid("postroom.smtp.port", port);
        if (maxMessageSize.toBytes() < MIN_MESSAGE_SIZE) {
            throw new IllegalArgumentException("postroom.smtp.max-message-size must be at least 1KB, not " + maxMessageSize);
        }
        if (maxRecipients < MIN_RECIPIENTS) {
            throw new IllegalArgumentException("postroom.smtp.max-recipients must be at least " + MIN_RECIPIENTS
                    + " (RFC 5321 §4.5.3.1.8), not " + maxRecipients);
        }
        ListenerTimeouts.requireAtLeastOneSecond("postroom.smtp.idle-timeout", idleTimeout);
        ListenerTimeouts.requireAtLeastOneSecond("postroom.smtp.command-timeout", commandTimeout);
        ListenerTimeouts.requireAtLeastOneSecond("postroom.smtp.data-rate-window", dataRateWindow);
        if (dataMinRate.toBytes() < 1 || dataMinRate.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("postroom.smtp.data-min-rate must be between 1B and 2GB, not " + dataMinRate);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("postroom.smtp.max-connections must be at least 1, not " + maxConnections);
        }
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("postroom.smtp.max-connections-per-ip must be at least 1, not "
                    + maxConnectionsPerIp);
        }
    }
}
