package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofHours(2)), Duration.ofDays(5));

    // the cap at the maximum age is applied by the queue on the database's clock: DeliveryQueueTest
    @Test
    void eachFailureWaitsForItsDelayAndTheLastDelayRepeats() {
        assertThat(schedule.delayAfter(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofHours(2));
        assertThat(schedule.delayAfter(17)).isEqualTo(Duration.ofHours(2));
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
