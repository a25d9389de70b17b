package org.postroom.server.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * Greylisting on port 25: the first attempt of a client network, sender and recipient is deferred
 * with 451 4.7.1, a retry after the delay passes.
 *
 * @param enabled off by default: it delays the first mail of every new correspondent by the delay
 *        or more (as long as the sending server waits before it retries)
 * @param delay how long after the first attempt a retry passes (a bare number counts seconds),
 *        from 1s to 1d
 * @param passLifetime how long a triplet that passed passes at once after it last passed (a bare
 *        number counts days), at least 1d
 */
@ConfigurationProperties("postroom.antispam.greylisting")
@Validated
public record GreylistingProperties(@DefaultValue("false") boolean enabled,
        @DefaultValue("5m") @DurationUnit(ChronoUnit.SECONDS)
        @DurationMin(seconds = 1, message = "must be between 1s and 1d")
        @DurationMax(days = 1, message = "must be between 1s and 1d") Duration delay,
        @DefaultValue("36d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(days = 1, message = "must be at least 1d")
        Duration passLifetime) {
}
