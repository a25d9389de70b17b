package org.postroom.admin.quarantine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * What a user is shown of a held message's content: the text of its first plain-text part,
 * decoded (transfer encoding and charset); when it has only HTML, that part's source as text (it
 * is never rendered, so nothing remote loads and no script runs); the names of its attachments.
 * The page escapes all of it. A message that cannot be read as MIME shows its body as it stands.
 *
 * @param text what to show, at most {@value #MAX_TEXT} characters
 * @param html true when {@code text} is the source of an HTML part
 * @param cut true when the message goes on beyond what was read or shown
 */
public record MessagePreview(String text, boolean html, boolean cut, List<String> attachments) {

    /** How much of the text is shown; a user decides on a message from far less. */
    static final int MAX_TEXT = 16 * 1024;
    /** How much of the message is read: its header section and a good part of its body. */
    static final int MAX_READ = 512 * 1024;

    private static final Session SESSION = Session.getInstance(new Properties());

    public MessagePreview {
        attachments = List.copyOf(attachments);
    }

    /** Reads at most {@link #MAX_READ} bytes of {@code content}, a message of {@code size} bytes. */
    static MessagePreview of(InputStream content, long size) {
        byte[] start;
        try (content) {
            start = content.readNBytes(MAX_READ);
        } catch (IOException e) {
            throw new UncheckedIOException("read a held message", e);
        }
        boolean readAll = start.length >= size;
        try {
            Found found = new Found();
            walk(new MimeMessage(SESSION, new ByteArrayInputStream(start)), found);
            String text = found.plain != null ? found.plain : found.html != null ? found.html : "";
            return new MessagePreview(shortened(text), found.plain == null && found.html != null,
                    !readAll || text.length() > MAX_TEXT, found.attachments);
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            String raw = new String(start, StandardCharsets.UTF_8);
            int body = raw.indexOf("\r\n\r\n");
            String text = body < 0 ? "" : raw.substring(body + 4);
            return new MessagePreview(shortened(text), false, !readAll || text.length() > MAX_TEXT, List.of());
        }
    }

    private static void walk(Part part, Found found) throws MessagingException, IOException {
        String name = part.getFileName();
        if (name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            found.attachments.add(name == null ? "(unnamed)" : name);
            return;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart child = parts.getBodyPart(i);
                walk(child, found);
            }
        } else if (part.isMimeType("text/plain") && found.plain == null) {
            found.plain = text(part);
        } else if (part.isMimeType("text/html") && found.html == null) {
            found.html = text(part);
        }
    }

    /** A text part's content decoded; in an unknown charset, its bytes read as UTF-8. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            return part.getContent() instanceof String text ? text : "";
        } catch (IOException unknownCharset) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String shortened(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    /** What the walk through the parts found so far. */
    private static final class Found {
        String plain;
        String html;
        final List<String> attachments = new ArrayList<>();
    }
}
