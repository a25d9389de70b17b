package org.postroom.smtp.dsn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.postroom.smtp.reply.Diagnosis;

/**
 * A delivery status notification (RFC 3464): a multipart/report of a human-readable part, the
 * machine-readable message/delivery-status with one block per recipient (status, remote host,
 * its reply), and the original message's header section (text/rfc822-headers, RFC 6522), at most
 * {@link #MAX_QUOTED_HEADER} of it, and never its body: enough to recognise the message, too little
 * to carry someone's text to a third party when the sender was forged. Written with CRLF line
 * endings only.
 */
public final class DeliveryStatusNotification {

    /** The most of the original header section a DSN quotes, cut after the last whole line within it. */
    static final int MAX_QUOTED_HEADER = 8 * 1024;

    /** RFC 3464 §2.3.3: what happened to the recipients this report is about. */
    public enum Action {
        FAILED, DELAYED
    }

    /**
     * One recipient's report: why its last attempt did not deliver.
     *
     * @param remoteMta the host that answered or was tried last (RFC 3464 §2.3.5), "" when none was
     * @param diagnosis its status and the reply or finding behind it
     */
    public record Item(String recipient, String remoteMta, Diagnosis diagnosis) {
    }

    /**
     * @param arrival when the original was queued
     * @param retryUntil for DELAYED, when the attempts will stop
     */
    public record Report(Action action, String originalSender, Instant arrival, Instant retryUntil, List<Item> items,
            byte[] originalHeaders) {
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private DeliveryStatusNotification() {
    }

    static byte[] compose(String hostname, Report report, Instant now) {
        String boundary = "=_postroom_" + UUID.randomUUID();
        Lines out = new Lines();
        out.line("From: Mail Delivery System <MAILER-DAEMON@" + hostname + ">");
        out.line("To: <" + report.originalSender() + ">");
        out.line("Subject: " + (report.action() == Action.FAILED ? "Undelivered Mail Returned to Sender"
                : "Delayed Mail (still being retried)"));
        out.line("Date: " + DATE.format(now));
        out.line("Message-ID: <" + UUID.randomUUID() + "@" + hostname + ">");
        // RFC 3834: an automatic message, so that vacation responders leave it alone
        out.line("Auto-Submitted: auto-replied");
        out.line("MIME-Version: 1.0");
        out.line("Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"");
        out.line("");
        out.line("--" + boundary);
        out.line("Content-Type: text/plain; charset=us-ascii");
        out.line("");
        humanReadable(out, hostname, report);
        out.line("--" + boundary);
        out.line("Content-Type: message/delivery-status");
        out.line("");
        out.line("Reporting-MTA: dns; " + hostname);
        out.line("Arrival-Date: " + DATE.format(report.arrival()));
        for (Item item : report.items()) {
            out.line("");
            recipientFields(out, report, item, now);
        }
        out.line("");
        out.line("--" + boundary);
        out.line("Content-Type: text/rfc822-headers");
        out.line("");
        out.raw(quotable(report.originalHeaders()));
        out.line("--" + boundary + "--");
        return out.bytes();
    }

    private static void humanReadable(Lines out, String hostname, Report report) {
        out.line("This is the mail system at " + hostname + ".");
        out.line("");
        if (report.action() == Action.FAILED) {
            out.line("Your message could not be delivered to the recipients below; this is final.");
        } else {
            out.line("Your message has not been delivered yet to the recipients below. Delivery will be");
            out.line("retried until " + DATE.format(report.retryUntil()) + "; you do not need to send it again.");
        }
        out.line("");
        for (Item item : report.items()) {
            out.line("<" + item.recipient() + ">: " + item.diagnosis().text());
        }
    }

    private static void recipientFields(Lines out, Report report, Item item, Instant now) {
        Diagnosis diagnosis = item.diagnosis();
        out.line("Final-Recipient: rfc822; " + item.recipient());
        out.line("Action: " + report.action().name().toLowerCase(Locale.ROOT));
        out.line("Status: " + diagnosis.status());
        if (!item.remoteMta().isEmpty()) {
            out.line("Remote-MTA: dns; " + item.remoteMta());
        }
        out.line("Diagnostic-Code: " + (diagnosis.fromRemote() ? "smtp; " : "x-postroom; ") + diagnosis.text());
        out.line("Last-Attempt-Date: " + DATE.format(now));
        if (report.action() == Action.DELAYED) {
            out.line("Will-Retry-Until: " + DATE.format(report.retryUntil()));
        }
    }

    /**
     * The header section as the report part quotes it: at most {@link #MAX_QUOTED_HEADER}, cut
     * after a whole line where it can be, and without the empty line that ends a header section
     * (the part's end follows instead).
     */
    private static byte[] quotable(byte[] header) {
        int length = header.length;
        if (length > MAX_QUOTED_HEADER) {
            length = MAX_QUOTED_HEADER;
            while (length > 0 && header[length - 1] != '\n') {
                length--;
            }
            if (length == 0) {
                // one line longer than the limit: its start, and room for the CRLF that ends it
                length = MAX_QUOTED_HEADER - 2;
            }
        }
        if (length >= 4 && header[length - 4] == '\r' && header[length - 3] == '\n' && header[length - 2] == '\r'
                && header[length - 1] == '\n') {
            length -= 2;
        }
        if (length == 0 || header[length - 1] == '\n') {
            return Arrays.copyOf(header, length);
        }
        // a line cut off: end it properly
        boolean endsInCr = header[length - 1] == '\r';
        byte[] terminated = Arrays.copyOf(header, length + (endsInCr ? 1 : 2));
        if (!endsInCr) {
            terminated[length] = '\r';
        }
        terminated[terminated.length - 1] = '\n';
        return terminated;
    }

    private static final class Lines {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void line(String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(new byte[] { '\r', '\n' });
        }

        void raw(byte[] data) {
            bytes.writeBytes(data);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
