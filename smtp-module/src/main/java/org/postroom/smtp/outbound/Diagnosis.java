package org.postroom.smtp.outbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an attempt did not deliver: an RFC 3463 status code, the text for the log, the queue and a
 * DSN, and whether a remote server said it (its reply line) or Postroom concluded it (DNS,
 * connection, expiry).
 *
 * <p>Remote text goes into logs and into DSN header fields, so it is reduced to printable ASCII on
 * one line: a server must not be able to inject a line break into Postroom's output.
 */
public record Diagnosis(String status, String text, boolean fromRemote) {

    private static final Pattern ENHANCED = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final int MAX_TEXT = 500;

    /** A remote server's reply, e.g. code 550 with "550 5.1.1 no such user". */
    public static Diagnosis remote(int code, String response) {
        String line = printable(response == null || response.isBlank() ? Integer.toString(code) : response);
        if (!line.startsWith(Integer.toString(code))) {
            line = code + " " + line;
        }
        Matcher enhanced = ENHANCED.matcher(line);
        String status = enhanced.find() ? enhanced.group(1) : (code / 100) + ".0.0";
        return new Diagnosis(status, line, true);
    }

    /** Postroom's own finding, e.g. status 4.4.1 with "connection refused". */
    public static Diagnosis local(String status, String text) {
        return new Diagnosis(status, printable(text), false);
    }

    /** A 5.x.x status: retrying cannot help. */
    public boolean permanent() {
        return status.startsWith("5");
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT));
        for (int i = 0; i < text.length() && out.length() < MAX_TEXT; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return out.toString().strip();
    }
}
