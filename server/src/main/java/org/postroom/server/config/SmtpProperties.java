package org.postroom.server.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.smtp.SmtpStandard;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;
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
 * @param commandTimeout a command line must be complete this long after its first byte, else 421
 *        4.4.2 and close (against clients that trickle a command byte by byte)
 * @param dataMinRate during DATA at least this much must arrive in every {@code dataRateWindow},
 *        else 421 4.4.2 and close; a message line may take longer than the command timeout
 * @param dataRateWindow the window over which {@code dataMinRate} is measured
 * @param maxConnections open SMTP connections per listener; further clients get 421
 * @param maxConnectionsPerIp open SMTP connections per listener from one IP address (an IPv6 /64)
 * @param storageTimeout the longest a command waits for the database (a connection, or any one
 *        answer) before it is answered 451 4.3.0; bounds every wait of the connection pool
 */
@ConfigurationProperties("postroom.smtp")
@Validated
public record SmtpProperties(@DefaultValue("" + SmtpStandard.MX_PORT) @Port int port,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("" + SmtpStandard.MIN_RECIPIENTS)
        @Min(value = SmtpStandard.MIN_RECIPIENTS, message = "must be at least {value} (RFC 5321 §4.5.3.1.8)")
        int maxRecipients,
        @DefaultValue("5m") @DurationMin(seconds = 1) Duration idleTimeout,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration commandTimeout,
        @DefaultValue("1KB") DataSize dataMinRate,
        @DefaultValue("60s") @DurationMin(seconds = 1) Duration dataRateWindow,
        @DefaultValue("1000") @Min(1) int maxConnections,
        @DefaultValue("50") @Min(1) int maxConnectionsPerIp,
        @DefaultValue(DEFAULT_STORAGE_TIMEOUT_TEXT) @DurationMin(seconds = 1) @DurationMax(minutes = 5)
        Duration storageTimeout) {

    private static final String DEFAULT_STORAGE_TIMEOUT_TEXT = "15s";

    /** {@code postroom.smtp.storage-timeout}'s default, for the pool's set-up that reads it before this record exists. */
    public static final Duration DEFAULT_STORAGE_TIMEOUT = DurationStyle.SIMPLE.parse(DEFAULT_STORAGE_TIMEOUT_TEXT);

    /** A message must hold at least a header section and a few lines. */
    private static final DataSize MIN_MESSAGE_SIZE = DataSize.ofKilobytes(1);

    public SmtpProperties {
        // Bean Validation has no constraint for a DataSize
        if (maxMessageSize.compareTo(MIN_MESSAGE_SIZE) < 0) {
            throw new IllegalArgumentException("postroom.smtp.max-message-size must be at least 1KB, not " + maxMessageSize);
        }
        // the listener counts the rate in an int of bytes
        if (dataMinRate.toBytes() < 1 || dataMinRate.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("postroom.smtp.data-min-rate must be between 1B and 2GB, not " + dataMinRate);
        }
    }
}
