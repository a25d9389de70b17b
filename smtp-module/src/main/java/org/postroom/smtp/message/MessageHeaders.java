package org.postroom.smtp.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The header section of a message, read off the front of its bytes, and its fields. */
public final class MessageHeaders {

    /** Far above any real header section; a message without a blank line stops here. */
    public static final int MAX_BYTES = 256 * 1024;

    private MessageHeaders() {
    }

    /**
     * Reads the header section including the empty line that ends it (CRLF CRLF), leaving
     * {@code in} at the first body byte, or {@link #MAX_BYTES} of it when it is longer. Reads byte
     * by byte so that nothing of the body is lost.
     */
    public static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        int last4 = 0;
        while (header.size() < MAX_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            header.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A || (header.size() == 2 && last4 == 0x0D0A)) {
                break;
            }
        }
        return header.toByteArray();
    }

    /**
     * False when {@link #read} stopped at {@link #MAX_BYTES} before the header section ended: a
     * field further down (a second From:, say) was never seen.
     */
    public static boolean isWhole(byte[] header) {
        int n = header.length;
        return n < MAX_BYTES
                || header[n - 4] == '\r' && header[n - 3] == '\n' && header[n - 2] == '\r' && header[n - 1] == '\n';
    }

    /**
     * The fields of {@code header} (as {@link #read} returns it) in order, each as written: its
     * folding kept, without the CRLF that ends it, as DKIM hashes it (RFC 6376 §3.4.1). Read as
     * UTF-8, so that RFC 6532 header fields come back as they were sent.
     */
    public static List<String> fields(byte[] header) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = null;
        for (String line : new String(header, StandardCharsets.UTF_8).split("\r\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation && field != null) {
                field.append("\r\n").append(line);
            } else {
                if (field != null) {
                    fields.add(field.toString());
                }
                field = new StringBuilder(line);
            }
        }
        if (field != null) {
            fields.add(field.toString());
        }
        return fields;
    }

    /**
     * The values of the fields named {@code name} (in any case) in {@code header}, in order,
     * unfolded (RFC 5322 §2.2.3: a CRLF followed by white space is removed), without the colon.
     * White space may stand between a field's name and its colon (§4.5.3, obsolete syntax).
     */
    public static List<String> values(byte[] header, String name) {
        return values(fields(header), name);
    }

    /** As {@link #values(byte[], String)}, among {@code fields} as {@link #fields} returns them. */
    public static List<String> values(List<String> fields, String name) {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            String unfolded = field.replace("\r\n", "");
            if (name.equalsIgnoreCase(name(unfolded))) {
                values.add(unfolded.substring(unfolded.indexOf(':') + 1));
            }
        }
        return values;
    }

    /**
     * The name of {@code field} (a field as {@link #fields} returns it, or the first line of one),
     * lower-cased, read loosely: whatever stands before the first colon, without the white space
     * around it (§4.5.3 allows it before the colon) and without control characters around it,
     * which lenient readers take for white space (mime4j, and so jDKIM, which signs and verifies
     * with it): {@code From<BEL>:} is a From: field to them, and must be one to every check;
     * null when there is nothing but those before a colon, or no colon. {@link #fieldName} is the
     * strict reading.
     */
    public static String name(String field) {
        int colon = field.indexOf(':');
        // trim(), not strip(): everything up to U+0020 goes, control characters too
        String name = colon > 0 ? field.substring(0, colon).trim() : "";
        return name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
    }

    /**
     * The name of the field {@code line} starts (RFC 5322 §3.6.8: printable characters but ":" up
     * to the colon), lower-cased; null when the line starts no field (a continuation, the empty
     * line, a body line).
     */
    public static String fieldName(byte[] line) {
        for (int i = 0; i < line.length; i++) {
            byte b = line[i];
            if (b == ':') {
                return i == 0 ? null : new String(line, 0, i, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            }
            if (b < 33 || b > 126) {
                return null;
            }
        }
        return null;
    }
}
