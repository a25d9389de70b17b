package org.postroom.smtp.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the bytes a client sends after 354 mean, read the way RFC 5321 reads them and without any
 * of Postroom's code, for {@link SmtpDataFuzzTest} to hold the server to: the data ends at the first
 * CRLF "." CRLF (§4.1.1.4; the CRLF of the DATA line counts as the first CRLF), a line starting
 * with a dot has it doubled (§4.5.2), and content is clean when every line ends with CRLF, holds
 * no other CR, LF or NUL, fits the listener's line limit (CRLF included), and all of it fits the
 * size limit (octets as sent, RFC 1870 §4).
 *
 * @param content the lines of the message as sent, up to the end (dots still doubled)
 * @param fault why the content is not clean, or empty when it is
 */
record SentData(byte[] content, Optional<String> fault) {

    /** Reads {@code data} as if CRLF "." CRLF followed it, as {@link SmtpDataFuzzTest} sends it. */
    static SentData of(byte[] data, int maxLine, long maxSize) {
        byte[] sent = new byte[data.length + 5];
        System.arraycopy(data, 0, sent, 0, data.length);
        System.arraycopy(new byte[] {'\r', '\n', '.', '\r', '\n'}, 0, sent, data.length, 5);
        int end = endOfData(sent);
        byte[] content = Arrays.copyOf(sent, end);
        return new SentData(content, fault(content, maxLine, maxSize));
    }

    boolean isClean() {
        return fault.isEmpty();
    }

    /**
     * Whether the content names an Authentication-Results field anywhere: port 25 removes those in
     * its own name as they arrive, so the stored message may differ there.
     */
    boolean hasAuthenticationResults() {
        return new String(content, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                .contains("authentication-results");
    }

    /** The message as it must be stored: the content with the extra leading dots removed. */
    byte[] storedContent() {
        ByteArrayOutputStream stored = new ByteArrayOutputStream(content.length);
        boolean lineStart = true;
        for (byte b : content) {
            if (!(lineStart && b == '.')) {
                stored.write(b);
            }
            lineStart = b == '\n';
        }
        return stored.toByteArray();
    }

    /** Where the content ends: the index of the "." line, counting the DATA line's CRLF before the first byte. */
    private static int endOfData(byte[] sent) {
        if (sent.length >= 3 && sent[0] == '.' && sent[1] == '\r' && sent[2] == '\n') {
            return 0;
        }
        for (int i = 0; i + 4 < sent.length; i++) {
            if (sent[i] == '\r' && sent[i + 1] == '\n' && sent[i + 2] == '.' && sent[i + 3] == '\r' && sent[i + 4] == '\n') {
                return i + 2;
            }
        }
        throw new IllegalStateException("the data always ends with CRLF . CRLF");
    }

    private static Optional<String> fault(byte[] content, int maxLine, long maxSize) {
        if (content.length > maxSize) {
            return Optional.of("over the size limit");
        }
        int lineStart = 0;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (b == 0) {
                return Optional.of("NUL");
            }
            if (b == '\n') {
                if (i == 0 || content[i - 1] != '\r') {
                    return Optional.of("bare LF");
                }
                if (i + 1 - lineStart > maxLine) {
                    return Optional.of("line over " + maxLine + " bytes");
                }
                lineStart = i + 1;
            } else if (b == '\r' && (i + 1 == content.length || content[i + 1] != '\n')) {
                return Optional.of("bare CR");
            }
        }
        return Optional.empty();
    }
}
