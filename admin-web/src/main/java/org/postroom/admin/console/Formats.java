package org.postroom.admin.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * How pages show numbers and times (as {@code @formats} in templates): sizes in binary units, times
 * in the server's time zone, ages in words.
 */
@Component("formats")
public class Formats {

    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** "1.5 MiB"; "no limit" for null (an unlimited quota). */
    public String bytes(Long bytes) {
        if (bytes == null) {
            return "no limit";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }

    /** "2025-03-01 14:05" in the server's zone; "—" for null. */
    public String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** "14:00" in the server's zone. */
    public String hour(Instant instant) {
        return HOUR.format(instant);
    }

    /** "3 minutes ago", "in 2 hours", "just now", measured on this process's clock. */
    public String relative(Instant instant) {
        if (instant == null) {
            return "—";
        }
        Duration between = Duration.between(Instant.now(), instant);
        return words(between.abs(), !between.isNegative());
    }

    /** "3 minutes ago", "just now": an {@code age} measured elsewhere, e.g. on the database's clock. */
    public String ago(Duration age) {
        return words(age, false);
    }

    /**
     * The badge tone of a check's RFC 8601 result word, or the spam filter's action: {@code pass}
     * and {@code no-action} are good, {@code fail}, {@code permerror}, {@code policy} and {@code
     * quarantine} are bad, {@code softfail}, {@code neutral}, {@code temperror}, {@code add-header}
     * and {@code rewrite-subject} are worth a look, anything else ({@code none}, {@code skipped}) is
     * neutral.
     */
    public String verdictTone(String result) {
        return switch (result.toLowerCase(Locale.ROOT)) {
            case "pass", "no-action" -> "ok";
            case "fail", "permerror", "policy", "quarantine" -> "danger";
            case "softfail", "neutral", "temperror", "add-header", "rewrite-subject" -> "warn";
            default -> "muted";
        };
    }

    /** "1 message", "3 messages", "2 aliases", "2 deliveries". */
    public static String count(long count, String noun) {
        return plural(count, noun);
    }

    /** A storage message ("domain x exists already") as a sentence for a flash message. */
    public static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "Something went wrong.";
        }
        String capitalised = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return capitalised.endsWith(".") ? capitalised : capitalised + ".";
    }

    private static String words(Duration span, boolean future) {
        if (span.toSeconds() < 60) {
            return future ? "now" : "just now";
        }
        String amount = span.toDays() > 0 ? plural(span.toDays(), "day")
                : span.toHours() > 0 ? plural(span.toHours(), "hour") : plural(span.toMinutes(), "minute");
        return future ? "in " + amount : amount + " ago";
    }

    private static String plural(long count, String unit) {
        if (count == 1) {
            return count + " " + unit;
        }
        // "delivery" → "deliveries", but "day" → "days": only a consonant before the y changes it
        if (unit.endsWith("y") && unit.length() > 1 && "aeiou".indexOf(unit.charAt(unit.length() - 2)) < 0) {
            return count + " " + unit.substring(0, unit.length() - 1) + "ies";
        }
        return count + " " + unit + (unit.endsWith("s") ? "es" : "s");
    }
}
