package org.postroom.server.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * The quarantine: the administrators' and each user's own.
 *
 * @param retention how long a held message waits for a decision (an administrator's, or its users')
 *        before it is deleted undelivered (a bare number counts days); releases are remembered as
 *        long. At least an hour: shorter would delete held mail before an administrator had a
 *        working day to look
 * @param digest when the users' daily digest of newly held messages goes out
 */
@ConfigurationProperties("postroom.quarantine")
@Validated
public record QuarantineProperties(
        @DefaultValue("30d") @DurationUnit(ChronoUnit.DAYS) @DurationMin(hours = 1, message = "must be at least 1h")
        Duration retention,
        @DefaultValue DigestProperties digest) {

    /**
     * @param time the time of day the digest round starts, {@code HH:mm} (default {@code 07:00}: in
     *        the mailbox before the working day)
     * @param zone the time zone of {@code time} and of the times the digest shows, e.g. {@code
     *        Europe/Berlin}; empty (the default): the server's
     */
    public record DigestProperties(@DefaultValue("07:00") String time, @DefaultValue("") String zone) {

        public DigestProperties {
            localTime(time);
            zoneId(zone);
        }

        /** The time of day, parsed. */
        public LocalTime localTime() {
            return localTime(time);
        }

        /** The time zone, parsed; the server's when none is set. */
        public ZoneId zoneId() {
            return zoneId(zone);
        }

        private static LocalTime localTime(String time) {
            try {
                return LocalTime.parse(time == null ? "" : time.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("postroom.quarantine.digest.time must be a time of day like 07:00,"
                        + " not '" + time + "'", e);
            }
        }

        private static ZoneId zoneId(String zone) {
            if (zone == null || zone.isBlank()) {
                return ZoneId.systemDefault();
            }
            try {
                return ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("postroom.quarantine.digest.zone must be a time zone like "
                        + "Europe/Berlin or UTC, not '" + zone + "'", e);
            }
        }
    }
}
