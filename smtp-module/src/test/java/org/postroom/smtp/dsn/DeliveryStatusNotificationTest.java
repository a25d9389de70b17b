package org.postroom.smtp.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Action;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Item;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Report;
import org.postroom.smtp.reply.Codes;
import org.postroom.smtp.reply.Diagnosis;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** A DSN quotes enough of the original to recognise it, and never enough to carry its text on. */
class DeliveryStatusNotificationTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void atMost8KiBOfTheHeaderSectionIsQuotedCutAfterAWholeLine() throws Exception {
        String header = "Subject: the original\r\n" + ("X-Filler: " + "y".repeat(90) + "\r\n").repeat(1000) + "\r\n";
        String quoted = quotedHeader(header);
        assertThat(quoted.length()).isLessThanOrEqualTo(DeliveryStatusNotification.MAX_QUOTED_HEADER);
        assertThat(quoted).startsWith("Subject: the original\r\n").endsWith("y")
                .doesNotContainPattern("[^\r]\n");
    }

    @Test
    void aSingleLineLongerThanTheLimitIsCutAndEnded() throws Exception {
        String quoted = quotedHeader("Subject: " + "z".repeat(20_000) + "\r\n\r\n");
        assertThat(quoted.length()).isLessThanOrEqualTo(DeliveryStatusNotification.MAX_QUOTED_HEADER);
        assertThat(quoted).startsWith("Subject: zzz").endsWith("z");
    }

    @Test
    void aShortHeaderSectionIsQuotedWhole() throws Exception {
        assertThat(quotedHeader("Subject: short\r\nFrom: a@example.com\r\n\r\n"))
                .isEqualTo("Subject: short\r\nFrom: a@example.com");
    }

    /** The quoted part's content; its last CRLF belongs to the boundary that follows (RFC 2046 §5.1.1). */
    private static String quotedHeader(String header) throws Exception {
        Report report = new Report(Action.FAILED, "sender@elsewhere.example", NOW, NOW,
                List.of(new Item("bob@example.com", "", Diagnosis.permanent(Codes.SE_MAILBOX2_FULL2, "mailbox full"))),
                header.getBytes(StandardCharsets.US_ASCII));
        byte[] dsn = DeliveryStatusNotification.compose("mail.example.com", report, NOW);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
        MimeMultipart parts = (MimeMultipart) message.getContent();
        return new String(parts.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
}
