package org.postroom.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FormatsTest {

    private final Formats formats = new Formats();

    @Test
    void agesInDaysAreWrittenAsDays() {
        // fails before: "in 59 daies" on the settings page
        assertThat(formats.relative(Instant.now().plus(Duration.ofDays(59)).plusSeconds(60))).isEqualTo("in 59 days");
        assertThat(formats.relative(Instant.now().minus(Duration.ofDays(2)).minusSeconds(60))).isEqualTo("2 days ago");
        assertThat(formats.relative(Instant.now().plus(Duration.ofDays(1)).plusSeconds(60))).isEqualTo("in 1 day");
    }
}
