package org.postroom.smtp.inbound;

/**
 * A client-supplied word (an EHLO name, an address) made safe to put in a header line or a log
 * line: printable US-ASCII only, so a CR, a NUL or a space can never start a new header or log
 * entry, and at most 255 characters, the longest domain name (RFC 1035 §2.3.4).
 */
final class Printable {

    private static final int MAX_LENGTH = 255;

    private Printable() {
    }

    static String of(String word) {
        StringBuilder safe = new StringBuilder(Math.min(word.length(), MAX_LENGTH));
        for (int i = 0; i < word.length() && safe.length() < MAX_LENGTH; i++) {
            char c = word.charAt(i);
            safe.append(c > ' ' && c < 0x7F ? c : '?');
        }
        return safe.length() == 0 ? "-" : safe.toString();
    }
}
