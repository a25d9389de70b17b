package org.postroom.smtp.digest;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import org.postroom.smtp.message.MessageHeaders;
import org.postroom.smtp.message.ServerNotice;
import org.postroom.storage.Printable;
import org.postroom.storage.quarantine.Digest;

import jakarta.mail.internet.MimeUtility;

/**
 * The daily quarantine digest as a message: plain text only (no HTML, nothing remote), its words
 * from the {@code texts} bundle of this package, one entry per held message (when it
 * was held, From, Subject, why) and the link to the account page where the user releases or
 * deletes them, in the shape of the server's other notices ({@link ServerNotice}).
 *
 * <p>What the held messages say about themselves (From, Subject) is a stranger's text: it is
 * decoded (RFC 2047), its control and invisible characters shown as {@code ?}, cut short, and only
 * ever stands in the body, never in a header field of the digest.
 */
public final class QuarantineDigest {

    /** Where the digest wraps its sentences; the link and the entries stand on lines of their own. */
    private static final int WIDTH = 72;
    /** The longest From or Subject shown; the rest is on the account page. */
    private static final int MAX_FIELD = 100;
    private static final String INDENT = "  ";
    /** The bundle of the digest's words: {@code texts.properties} beside this class, English. */
    private static final String TEXTS = QuarantineDigest.class.getPackageName() + ".texts";

    private final String hostname;
    private final URI accountPage;
    private final Duration retention;
    private final ResourceBundle texts;
    private final Locale locale;
    private final DateTimeFormatter heldAt;

    /**
     * @param accountPage the account page's quarantine, as users reach it ({@code
     *        <postroom.web.public-url>/account/quarantine})
     * @param zone the time zone the held messages' times are written in
     * @param retention how long held messages wait before they are deleted, as the digest tells
     * @param locale the language of the texts (the base bundle, English, when there is none for it)
     */
    public QuarantineDigest(String hostname, URI accountPage, ZoneId zone, Duration retention, Locale locale) {
        this.hostname = hostname;
        this.accountPage = accountPage;
        this.retention = retention;
        this.texts = ResourceBundle.getBundle(TEXTS, locale);
        this.locale = locale;
        this.heldAt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", locale).withZone(zone);
    }

    /** The digest of {@code digest}'s held messages as a whole message, dated {@code now}, CRLF line endings. */
    public byte[] compose(Digest digest, Instant now) {
        int count = digest.entries().size();
        return ServerNotice.compose(hostname, text("from.name"), digest.address(), text("subject", count), now,
                String.join("\r\n", body(digest, count)));
    }

    private List<String> body(Digest digest, int count) {
        List<String> lines = new ArrayList<>();
        lines.add(text("greeting"));
        lines.add("");
        lines.addAll(wrapped(text("intro", count, digest.address())));
        String[] labels = { text("entry.from"), text("entry.subject"), text("entry.why") };
        int width = Stream.of(labels).mapToInt(String::length).max().orElse(0) + 1;
        for (Digest.Entry entry : digest.entries()) {
            byte[] header = (entry.header() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            String from = field(header, "from");
            String subject = field(header, "subject");
            lines.add("");
            lines.add(INDENT + heldAt.format(entry.heldAt()));
            lines.add(INDENT + pad(labels[0], width) + (from.isEmpty() ? sender(entry.sender()) : from));
            lines.add(INDENT + pad(labels[1], width) + (subject.isEmpty() ? text("entry.noSubject") : subject));
            lines.add(INDENT + pad(labels[2], width) + reason(entry.reason()));
        }
        lines.add("");
        lines.addAll(wrapped(text("action")));
        lines.add("");
        lines.add(INDENT + INDENT + accountPage);
        lines.add("");
        long days = retention.toDays();
        lines.addAll(wrapped(days >= 1 ? text("retention", days) : text("retention.hours", retention.toHours())));
        lines.add("");
        lines.addAll(wrapped(text("closing")));
        return lines;
    }

    private String sender(String envelopeSender) {
        return envelopeSender.isEmpty() ? text("entry.nullSender") : printable(envelopeSender);
    }

    private String reason(String reason) {
        try {
            return text("reason." + reason);
        } catch (MissingResourceException unknown) {
            return text("reason.other", printable(reason));
        }
    }

    /** The first field {@code name} of a held message's header section, decoded and made safe to show. */
    private static String field(byte[] header, String name) {
        List<String> values = MessageHeaders.values(header, name);
        if (values.isEmpty()) {
            return "";
        }
        String value = values.get(0).strip();
        try {
            value = MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException unknownCharset) {
            // shown as it stands
        }
        return printable(value);
    }

    /**
     * One line of text a person can read and nothing can hide in: every control, line-breaking or
     * invisible formatting character as {@code ?} (storage's {@link Printable#text}), runs of white
     * space as one, at most {@link #MAX_FIELD} characters.
     */
    private static String printable(String text) {
        String flat = Printable.text(text).replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= MAX_FIELD ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, MAX_FIELD - 1)) + "…";
    }

    private String text(String key, Object... arguments) {
        return new MessageFormat(texts.getString(key), locale).format(arguments);
    }

    private static String pad(String label, int width) {
        return label + " ".repeat(Math.max(1, width - label.length()));
    }

    /** {@code text} broken into lines of at most {@link #WIDTH} at spaces (a longer word stands alone). */
    private static List<String> wrapped(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
