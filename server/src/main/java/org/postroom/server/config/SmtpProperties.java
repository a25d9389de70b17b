package org.postroom.server.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.smtp.SmtpStandard;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The SMTP listeners: the MX port, and the limits all three SMTP listeners (MX, submission,
 * implicit-TLS submission) share.
 *
 * @param port the MX port, where the internet delivers the company's mail (0 picks a free port)
 * @param maxMessageSize the largest message taken, announced with SIZE (RFC 1870)
 * @param maxRecipients recipients per message; at least 100 (RFC 5321 §4.5.3.1.8)
 * @param idleTimeout a session without a command for this long is closed with 421
 * @param maxConnections open SMTP connections per listener; further clients get 421
 * @param maxConnectionsPerIp open SMTP connections per listener from one IP address (an IPv6 /64)
 */
@ConfigurationProperties("postroom.smtp")
@Validated
public record SmtpProperties(@DefaultValue("" + SmtpStandard.MX_PORT) @Port int port,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("" + SmtpStandard.MIN_RECIPIENTS)
        @Min(value = SmtpStandard.MIN_RECIPIENTS, message = "must be at least {value} (RFC 5321 §4.5.3.1.8)")
        int maxRecipients,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration idleTimeout,
        @DefaultValue("1000") @Min(1) int maxConnections,
        @DefaultValue("50") @Min(1) int maxConnectionsPerIp) {

    /** A message must hold at least a header section and a few lines. */
    private static final DataSize MIN_MESSAGE_SIZE = DataSize.ofKilobytes(1);

    public SmtpProperties {
        // Bean Validation has no constraint for a DataSize
        if (maxMessageSize.compareTo(MIN_MESSAGE_SIZE) < 0) {
            throw new IllegalArgumentException("postroom.smtp.max-message-size must be at least 1KB, not " + maxMessageSize);
        }
    }
}
