package org.postroom.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The administrators' quarantine.
 *
 * @param retention how long a held message waits for an administrator's decision before it is
 *        deleted undelivered (a bare number counts days); releases are remembered as long
 */
@ConfigurationProperties("postroom.quarantine")
public record QuarantineProperties(@DefaultValue("30d") @DurationUnit(ChronoUnit.DAYS) Duration retention) {

    /** Shorter would delete held mail before an administrator had a working day to look. */
    public static final Duration MIN_RETENTION = Duration.ofHours(1);

    public QuarantineProperties {
        if (retention.compareTo(MIN_RETENTION) < 0) {
            throw new IllegalArgumentException("postroom.quarantine.retention must be at least 1h, not " + retention);
        }
    }
}
