package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.postroom.server.wiring.QuarantineDigestSchedule.Look;

/**
 * When the digest round of which day is looked at: at the configured time, and once more 70
 * minutes later for a round a stopped process left unfinished; the day is the one the time belongs
 * to, also when the second look falls after midnight, and across a change of the clocks.
 */
class QuarantineDigestScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime SEVEN = LocalTime.of(7, 0);

    @Test
    void theFirstLookIsAtTheTimeAndTheSecondSeventyMinutesLater() {
        LocalDate day = LocalDate.of(2026, 12, 7);

        assertThat(QuarantineDigestSchedule.next(at(day, 6, 0), SEVEN)).isEqualTo(new Look(day, at(day, 7, 0)));
        assertThat(QuarantineDigestSchedule.next(at(day, 7, 0), SEVEN)).isEqualTo(new Look(day, at(day, 8, 10)));
        assertThat(QuarantineDigestSchedule.next(at(day, 8, 10), SEVEN))
                .isEqualTo(new Look(day.plusDays(1), at(day.plusDays(1), 7, 0)));
    }

    @Test
    void aSecondLookAfterMidnightBelongsToTheDayBefore() {
        LocalDate day = LocalDate.of(2026, 12, 7);

        assertThat(QuarantineDigestSchedule.next(at(day.plusDays(1), 0, 1), LocalTime.of(23, 30)))
                .isEqualTo(new Look(day, at(day.plusDays(1), 0, 40)));
    }

    @Test
    void aTimeTheClocksSkipIsTakenAsTheNextOneThatExists() {
        LocalDate spring = LocalDate.of(2027, 3, 28);

        Look look = QuarantineDigestSchedule.next(at(spring, 1, 0), LocalTime.of(2, 30));

        assertThat(look.day()).isEqualTo(spring);
        assertThat(look.at().toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    }

    private static ZonedDateTime at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(BERLIN);
    }
}
