package org.postroom.smtp.inbound.spam;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.postroom.smtp.message.MessageHeaders;
import org.postroom.smtp.rspamd.ScanResult;

import jakarta.mail.internet.MimeUtility;

/**
 * The header section of a message received on port 25 as it is stored after the spam check: our
 * X-Spam fields on top, the fields of the same names the sender wrote removed (a spammer's own
 * {@code X-Spam-Status: No} must not reach a mail client's filter), and the Subject with the
 * domain's tag in front of it (RFC 2047 encoded when the tag is not ASCII; a Subject that already
 * starts with the tag keeps it once; a message without Subject gets one). The rest of the bytes,
 * their order and folding, stay as received: the section is handled as ISO-8859-1, byte for byte.
 */
final class SpamHeaders {

    /** Our fields; the same names from the sender are removed. */
    private static final Set<String> OURS = Set.of("x-spam-flag", "x-spam-status", "x-spam-score");

    private SpamHeaders() {
    }

    /**
     * Our fields for rspamd's verdict {@code result}: {@code X-Spam-Flag: YES} for spam, {@code
     * X-Spam-Status: Yes, score=7.20 action=add-header} (No for a message rspamd let pass) and
     * {@code X-Spam-Score: 7.20}.
     */
    static List<String> fields(ScanResult result, boolean spam) {
        String status = "X-Spam-Status: " + (spam ? "Yes" : "No") + ", score=" + result.formattedScore() + " action="
                + result.action().key();
        String score = "X-Spam-Score: " + result.formattedScore();
        return spam ? List.of("X-Spam-Flag: YES", status, score) : List.of(status, score);
    }

    /**
     * {@code header} (a header section as {@link MessageHeaders#read} returns it) with {@code fields}
     * on top, the sender's fields of those names removed, and {@code subjectTag} ("" for none) before
     * the Subject. A section cut short at {@link MessageHeaders#MAX_BYTES} only gets the fields on top.
     */
    static byte[] rewrite(byte[] header, List<String> fields, String subjectTag) {
        StringBuilder out = new StringBuilder(header.length + 256);
        fields.forEach(field -> out.append(field).append("\r\n"));
        String section = new String(header, StandardCharsets.ISO_8859_1);
        if (!MessageHeaders.isWhole(header)) {
            return out.append(section).toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        String tag = encoded(subjectTag);
        boolean dropping = false;
        boolean subjectSeen = false;
        int position = 0;
        while (position < section.length()) {
            int end = section.indexOf("\r\n", position);
            String line = section.substring(position, end < 0 ? section.length() : end + 2);
            position += line.length();
            if (line.equals("\r\n")) {
                if (!subjectSeen && !tag.isEmpty()) {
                    out.append("Subject: ").append(tag).append("\r\n");
                }
                out.append(line).append(section, position, section.length());
                break;
            }
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation) {
                if (!dropping) {
                    out.append(line);
                }
                continue;
            }
            String name = MessageHeaders.name(line);
            dropping = name != null && OURS.contains(name);
            if (dropping) {
                continue;
            }
            if ("subject".equals(name) && !subjectSeen) {
                subjectSeen = true;
                out.append(tagged(line, tag));
            } else {
                out.append(line);
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first line of a Subject field with {@code tag} in front of its value, unless it starts with it already. */
    private static String tagged(String line, String tag) {
        if (tag.isEmpty()) {
            return line;
        }
        int colon = line.indexOf(':');
        int value = colon + 1;
        while (value < line.length() && (line.charAt(value) == ' ' || line.charAt(value) == '\t')) {
            value++;
        }
        if (line.regionMatches(true, value, tag, 0, tag.length())) {
            return line;
        }
        String rest = line.substring(value);
        return line.substring(0, colon + 1) + " " + tag + (rest.equals("\r\n") ? "" : " ") + rest;
    }

    /** The tag as it may stand in a header field: ASCII as it is, anything else as an RFC 2047 encoded word. */
    private static String encoded(String tag) {
        if (tag.isEmpty() || StandardCharsets.US_ASCII.newEncoder().canEncode(tag)) {
            return tag;
        }
        try {
            return MimeUtility.encodeText(tag, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
