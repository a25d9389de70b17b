package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant QUEUED = Instant.parse("2026-11-26T08:00:00Z");
    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofHours(2)), Duration.ofDays(5));

    @Test
    void eachFailureWaitsForItsDelayAndTheLastDelayRepeats() {
        Instant now = QUEUED.plusSeconds(10);
        assertThat(schedule.nextAttempt(QUEUED, 0, now)).contains(now.plus(Duration.ofMinutes(1)));
        assertThat(schedule.nextAttempt(QUEUED, 1, now)).contains(now.plus(Duration.ofMinutes(5)));
        assertThat(schedule.nextAttempt(QUEUED, 2, now)).contains(now.plus(Duration.ofHours(2)));
        assertThat(schedule.nextAttempt(QUEUED, 17, now)).contains(now.plus(Duration.ofHours(2)));
    }

    @Test
    void theLastAttemptIsScheduledRightAtTheMaximumAge() {
        Instant nearTheEnd = QUEUED.plus(Duration.ofDays(5)).minus(Duration.ofMinutes(30));
        assertThat(schedule.nextAttempt(QUEUED, 40, nearTheEnd)).contains(QUEUED.plus(Duration.ofDays(5)));
    }

    @Test
    void anEntryAtItsMaximumAgeHasNoNextAttempt() {
        assertThat(schedule.nextAttempt(QUEUED, 40, QUEUED.plus(Duration.ofDays(5)))).isEmpty();
    }

    @Test
    void anEmptyOrNonPositiveScheduleIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(List.of(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ZERO), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
