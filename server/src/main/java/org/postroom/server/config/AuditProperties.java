package org.postroom.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * The audit log.
 *
 * @param retention how long an entry is kept before a periodic purge deletes it (a bare number
 *        counts days; default 365 days). At least a day
 */
@ConfigurationProperties("postroom.audit")
@Validated
public record AuditProperties(
        @DefaultValue("365d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(days = 1, message = "must be at least 1d")
        Duration retention) {
}
