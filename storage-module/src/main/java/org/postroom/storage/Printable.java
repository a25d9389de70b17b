package org.postroom.storage;

/**
 * Text from a client (an EHLO name, an address, a login name, a name typed into the console, a
 * command-line argument) made safe to write into a log line or a header line, so that a CR, an LF,
 * a NUL or a terminal escape in it can never start a forged log entry or header, or rewrite what
 * an operator's terminal shows. Every module that logs or echoes such text goes through here: the
 * protocol modules, the web side and the command line alike.
 */
public final class Printable {

    /** The longest domain name (RFC 1035 §2.3.4): a longer word is cut. */
    private static final int MAX_WORD = 255;
    /** A sentence (an error message quoting input) longer than this is cut. */
    private static final int MAX_TEXT = 1000;
    /** An ASCII line this long fits a header field (RFC 5322 §2.1.1: 998) with room for its name. */
    private static final int MAX_ASCII_LINE = 500;
    private static final char REPLACEMENT = '?';

    private Printable() {
    }

    /**
     * One word: printable US-ASCII only (a space too becomes {@code ?}, so the word cannot split
     * a header or a key=value log field), at most 255 characters; {@code -} for an empty word.
     */
    public static String of(String word) {
        StringBuilder safe = new StringBuilder(Math.min(word.length(), MAX_WORD));
        for (int i = 0; i < word.length() && safe.length() < MAX_WORD; i++) {
            char c = word.charAt(i);
            safe.append(c > ' ' && c < 0x7F ? c : REPLACEMENT);
        }
        return safe.length() == 0 ? "-" : safe.toString();
    }

    /**
     * A sentence that may quote input: spaces and letters of any script stay, every control
     * character (C0, DEL, C1), line or paragraph separator and invisible format character (such
     * as a bidirectional override) becomes {@code ?}; at most 1000 characters.
     */
    public static String text(String sentence) {
        StringBuilder safe = new StringBuilder(Math.min(sentence.length(), MAX_TEXT));
        sentence.codePoints().limit(MAX_TEXT).forEach(c -> {
            if (isInvisible(c)) {
                safe.append(REPLACEMENT);
            } else {
                safe.appendCodePoint(c);
            }
        });
        return sentence.codePointCount(0, sentence.length()) > MAX_TEXT ? safe.append("...").toString()
                : safe.toString();
    }

    /**
     * One line of printable US-ASCII, for places that take nothing else (a mail header field, such
     * as a DSN's Diagnostic-Code quoting a remote server's reply): CR, LF and tab become one space
     * between words, every other character outside printable ASCII {@code ?}; at most 500
     * characters, without leading or trailing space.
     */
    public static String asciiLine(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_ASCII_LINE));
        for (int i = 0; i < text.length() && safe.length() < MAX_ASCII_LINE; i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                if (safe.length() > 0 && safe.charAt(safe.length() - 1) != ' ') {
                    safe.append(' ');
                }
            } else {
                safe.append(c >= ' ' && c < 0x7F ? c : REPLACEMENT);
            }
        }
        return safe.toString().strip();
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
