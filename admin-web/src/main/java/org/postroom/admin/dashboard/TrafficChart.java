package org.postroom.admin.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.postroom.admin.console.Formats;
import org.postroom.storage.stats.HourlyTraffic;

/**
 * The dashboard's bar chart of the last hours as inline SVG geometry, computed here so that the
 * page needs no script (the Content-Security-Policy would allow only our own anyway). Each hour
 * is a pair of bars, messages in and deliveries out, on a scale of 1, 2 or 4 times a power of ten.
 */
public record TrafficChart(List<Column> columns, List<Tick> ticks) {

    public static final int WIDTH = 720;
    public static final int HEIGHT = 220;
    private static final double LEFT = 40;
    private static final double RIGHT = 8;
    private static final double TOP = 12;
    private static final double BOTTOM = 26;
    private static final double BAR = 9;

    /**
     * One hour. Coordinates are SVG user units as text, ready for attributes.
     *
     * @param labelled whether this hour gets its time written under it (every third)
     */
    public record Column(String hour, boolean labelled, String labelX, long received, long delivered,
            String receivedX, String receivedY, String receivedHeight, String deliveredX, String deliveredY,
            String deliveredHeight) {
    }

    /** A horizontal grid line with its value. */
    public record Tick(long value, String y) {
    }

    public static TrafficChart of(List<HourlyTraffic> hours, Formats formats) {
        long max = hours.stream().mapToLong(h -> Math.max(h.received(), h.delivered())).max().orElse(0);
        long scale = scaleFor(max);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double step = (WIDTH - LEFT - RIGHT) / Math.max(1, hours.size());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            HourlyTraffic hour = hours.get(i);
            double centre = LEFT + step * i + step / 2;
            double receivedHeight = plotHeight * hour.received() / scale;
            double deliveredHeight = plotHeight * hour.delivered() / scale;
            columns.add(new Column(formats.hour(hour.hour()), i % 3 == 0, number(centre), hour.received(),
                    hour.delivered(), number(centre - BAR - 0.5), number(TOP + plotHeight - receivedHeight),
                    number(receivedHeight), number(centre + 0.5), number(TOP + plotHeight - deliveredHeight),
                    number(deliveredHeight)));
        }
        List<Tick> ticks = List.of(new Tick(0, number(TOP + plotHeight)), new Tick(scale / 2, number(TOP + plotHeight / 2)),
                new Tick(scale, number(TOP)));
        return new TrafficChart(columns, ticks);
    }

    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    public String gridLeft() {
        return number(LEFT);
    }

    public String gridRight() {
        return number(WIDTH - RIGHT);
    }

    public String labelY() {
        return number(HEIGHT - 8);
    }

    /** The smallest of 4, 10, 20, 40, 100, 200, 400... not below {@code max}; halves stay whole numbers. */
    static long scaleFor(long max) {
        long scale = 4;
        long power = 1;
        while (scale < max) {
            power *= 10;
            for (long factor : new long[] { 1, 2, 4 }) {
                scale = factor * power;
                if (scale >= max) {
                    break;
                }
            }
        }
        return scale;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
