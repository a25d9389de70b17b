package org.postroom.smtp.outbound.mtasts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.postroom.storage.Printable;

/**
 * A domain's MTA-STS policy (RFC 8461 §3.2) as its policy file says it.
 *
 * @param mode what a sender does when no MX host passes
 * @param mx the MX patterns, lower case, without a final dot: a name, or {@code *.} and a name for
 *        any one label in front of it (§4.1)
 * @param maxAge how long the policy may be kept (at most a year, §3.2)
 */
public record MtaStsPolicy(Mode mode, List<String> mx, Duration maxAge) {

    /** The largest {@code max_age} a policy may give, 31 557 600 seconds (§3.2). */
    static final long MAX_AGE_LIMIT = 31_557_600;

    private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9_]+):[ \\t]*(.*?)[ \\t]*");
    private static final Pattern PATTERN = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public MtaStsPolicy {
        mx = List.copyOf(mx);
    }

    /** What a policy asks of senders (§5). */
    public enum Mode {
        /** Deliver only to MX hosts that match and whose TLS certificate is valid for their name. */
        ENFORCE,
        /** Deliver as without a policy, and report what would have failed. */
        TESTING,
        /** No policy: the domain has withdrawn one it had. */
        NONE
    }

    /**
     * Reads a policy file strictly: lines of {@code key: value} ended by LF or CRLF, {@code
     * version: STSv1}, a known {@code mode}, at least one valid {@code mx} unless the mode is none,
     * a {@code max_age} of 0 to 31 557 600 seconds. A repeated field other than mx counts only the
     * first time; unknown fields are skipped (§3.2).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static MtaStsPolicy parse(String text) {
        Map<String, String> fields = new HashMap<>();
        List<String> mx = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            var field = FIELD.matcher(line);
            if (!field.matches()) {
                throw new IllegalArgumentException("policy line is not key: value: " + printable(line));
            }
            String key = field.group(1);
            String value = field.group(2);
            if (key.equals("mx")) {
                mx.add(pattern(value));
            } else {
                fields.putIfAbsent(key, value);
            }
        }
        if (!"STSv1".equals(fields.get("version"))) {
            throw new IllegalArgumentException("policy version is not STSv1: " + printable(fields.get("version")));
        }
        Mode mode = mode(fields.get("mode"));
        Duration maxAge = maxAge(fields.get("max_age"));
        if (mx.isEmpty() && mode != Mode.NONE) {
            throw new IllegalArgumentException("policy in mode " + fields.get("mode") + " names no mx");
        }
        return new MtaStsPolicy(mode, mx, maxAge);
    }

    /**
     * Whether {@code host} (an MX host name, any case, with or without the final dot) matches one
     * of the patterns: a wildcard stands for exactly one whole label (§4.1), so {@code
     * *.example.com} matches {@code mx.example.com} but neither {@code example.com} nor {@code
     * a.mx.example.com}.
     */
    public boolean permits(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String pattern : mx) {
            if (pattern.startsWith("*.")) {
                int dot = name.indexOf('.');
                if (dot > 0 && name.substring(dot + 1).equals(pattern.substring(2))) {
                    return true;
                }
            } else if (name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static String pattern(String value) {
        String pattern = value.toLowerCase(Locale.ROOT);
        pattern = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (!PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("policy mx is not a host name pattern: " + printable(value));
        }
        return pattern;
    }

    private static Mode mode(String value) {
        if (value != null) {
            switch (value) {
                case "enforce":
                    return Mode.ENFORCE;
                case "testing":
                    return Mode.TESTING;
                case "none":
                    return Mode.NONE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("policy mode is not enforce, testing or none: " + printable(value));
    }

    private static Duration maxAge(String value) {
        if (value == null || !value.matches("[0-9]{1,10}") || Long.parseLong(value) > MAX_AGE_LIMIT) {
            throw new IllegalArgumentException("policy max_age is not 0 to " + MAX_AGE_LIMIT + " seconds: "
                    + printable(value));
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    private static String printable(String value) {
        if (value == null) {
            return "(missing)";
        }
        return Printable.asciiLine(value.length() > 80 ? value.substring(0, 80) + "..." : value);
    }
}
