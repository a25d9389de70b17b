package org.postroom.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.admin.console.Formats;
import org.postroom.storage.stats.HourlyTraffic;

class TrafficChartTest {

    @Test
    void theScaleIsTheNextOfOneTwoOrFourTimesAPowerOfTen() {
        assertThat(TrafficChart.scaleFor(0)).isEqualTo(4);
        assertThat(TrafficChart.scaleFor(4)).isEqualTo(4);
        assertThat(TrafficChart.scaleFor(5)).isEqualTo(10);
        assertThat(TrafficChart.scaleFor(11)).isEqualTo(20);
        assertThat(TrafficChart.scaleFor(39)).isEqualTo(40);
        assertThat(TrafficChart.scaleFor(41)).isEqualTo(100);
        assertThat(TrafficChart.scaleFor(3_500)).isEqualTo(4_000);
    }

    @Test
    void theBusiestHourFillsItsShareOfThePlotAndQuietHoursHaveNoBar() {
        List<HourlyTraffic> hours = new ArrayList<>();
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
        for (int i = 0; i < 24; i++) {
            hours.add(new HourlyTraffic(start.plus(Duration.ofHours(i)), i == 5 ? 40 : 0, i == 5 ? 20 : 0));
        }

        TrafficChart chart = TrafficChart.of(hours, new Formats());

        assertThat(chart.columns()).hasSize(24);
        assertThat(chart.ticks()).extracting(TrafficChart.Tick::value).containsExactly(0L, 20L, 40L);
        TrafficChart.Column busy = chart.columns().get(5);
        assertThat(Double.parseDouble(busy.receivedHeight())).isEqualTo(182.0);
        assertThat(Double.parseDouble(busy.deliveredHeight())).isEqualTo(91.0);
        assertThat(busy.receivedY()).isEqualTo(chart.ticks().get(2).y());
        assertThat(Double.parseDouble(chart.columns().get(0).receivedHeight())).isZero();
        assertThat(chart.columns()).filteredOn(TrafficChart.Column::labelled).hasSize(8);
    }
}
