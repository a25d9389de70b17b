package org.postroom.smtp.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

/**
 * A message the server writes to people itself (the quarantine digest, a suspension notice), in
 * one shape: plain text only, from {@code MAILER-DAEMON@<hostname>} under a display name, marked
 * {@code Auto-Submitted: auto-generated} (RFC 3834) so that no vacation responder answers it, the
 * header texts as RFC 2047 encoded words and the body in UTF-8 with quoted-printable, so that it
 * travels in 7 bits whatever language its words are in.
 */
public final class ServerNotice {

    private static final DateTimeFormatter HEADER_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ServerNotice() {
    }

    /**
     * The whole message, CRLF line endings.
     *
     * @param to the recipient's address, as the To: field names it
     * @param body the text, its lines separated by CRLF
     */
    public static byte[] compose(String hostname, String fromName, String to, String subject, Instant date,
            String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "From: " + encoded(fromName) + " <MAILER-DAEMON@" + hostname + ">");
        line(out, "To: <" + to + ">");
        line(out, "Subject: " + encoded(subject));
        line(out, "Date: " + HEADER_DATE.format(date));
        line(out, "Message-ID: <" + UUID.randomUUID() + "@" + hostname + ">");
        line(out, "Auto-Submitted: auto-generated");
        line(out, "MIME-Version: 1.0");
        line(out, "Content-Type: text/plain; charset=UTF-8");
        line(out, "Content-Transfer-Encoding: quoted-printable");
        line(out, "");
        try (OutputStream encoder = MimeUtility.encode(out, "quoted-printable")) {
            encoder.write(body.concat("\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("encode a notice in memory", e);
        }
        return out.toByteArray();
    }

    private static String encoded(String headerText) {
        try {
            return MimeUtility.encodeText(headerText, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always there", e);
        }
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] { '\r', '\n' });
    }
}
