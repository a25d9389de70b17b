package org.postroom.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * The administrators' quarantine.
 *
 * @param retention how long a held message waits for an administrator's decision before it is
 *        deleted undelivered (a bare number counts days); releases are remembered as long. At
 *        least an hour: shorter would delete held mail before an administrator had a working day
 *        to look
 */
@ConfigurationProperties("postroom.quarantine")
@Validated
public record QuarantineProperties(
        @DefaultValue("30d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1, message = "must be at least 1h")
        Duration retention) {
}
