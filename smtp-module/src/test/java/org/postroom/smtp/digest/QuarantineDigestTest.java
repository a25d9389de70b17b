package org.postroom.smtp.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.postroom.storage.quarantine.Digest;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The digest as a mail program reads it: plain text from the bundle, one entry per held message,
 * the link to the account page, and a stranger's From and Subject only ever as flat text in the body.
 */
class QuarantineDigestTest {

    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final URI PAGE = URI.create("https://mail.example.com/account/quarantine");
    private static final QuarantineDigest DIGEST = new QuarantineDigest("mail.example.com", PAGE,
            ZoneId.of("Europe/Berlin"), Duration.ofDays(30), Locale.ROOT);

    @Test
    void aDigestNamesEachHeldMessageAndLinksToTheAccountPage() throws Exception {
        MimeMessage digest = read(DIGEST.compose(new Digest("alice@example.com", List.of(
                new Digest.Entry(1, "ceo@bank.example", "dmarc", Instant.parse("2026-12-06T13:03:00Z"),
                        "From: \"Bank\" <ceo@bank.example>\r\nSubject: Urgent: confirm the transfer"),
                new Digest.Entry(2, "promo@shop.example", "spam", Instant.parse("2026-12-06T20:45:00Z"),
                        "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?="))), NOW));

        assertThat(digest.getSubject()).isEqualTo("2 messages to you are in the quarantine");
        assertThat(digest.getHeader("From", null)).isEqualTo("Mail quarantine <MAILER-DAEMON@mail.example.com>");
        assertThat(digest.getHeader("To", null)).isEqualTo("<alice@example.com>");
        assertThat(digest.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(digest.getContentType()).isEqualTo("text/plain; charset=UTF-8");
        String body = (String) digest.getContent();
        assertThat(body).contains("These 2 messages to alice@example.com were held back")
                .contains("  2026-12-06 14:03\r\n"
                        + "  From:    \"Bank\" <ceo@bank.example>\r\n"
                        + "  Subject: Urgent: confirm the transfer\r\n"
                        + "  Why:     the sender's domain says it did not send it (DMARC)\r\n")
                .contains("  2026-12-06 21:45\r\n"
                        + "  From:    promo@shop.example\r\n"
                        + "  Subject: Grüße\r\n"
                        + "  Why:     it looks like spam\r\n")
                .contains("\r\n    " + PAGE + "\r\n")
                .contains("deleted after 30 days");
        assertThat(body.lines()).allMatch(line -> line.length() <= 110);
    }

    @Test
    void aStrangersTextStaysFlatTextInTheBody() throws Exception {
        MimeMessage digest = read(DIGEST.compose(new Digest("alice@example.com", List.of(
                new Digest.Entry(3, "", "greylist?", Instant.parse("2026-12-06T13:03:00Z"),
                        "Subject: =?UTF-8?Q?a=0D=0ABcc:_victim@example.org=0D=0A?= \u202Egnp.exe "
                                + "x".repeat(300)))), NOW));

        assertThat(digest.getSubject()).isEqualTo("1 message to you is in the quarantine");
        assertThat(digest.getHeader("Bcc")).isNull();
        String body = (String) digest.getContent();
        assertThat(body).contains("This message to alice@example.com was held back")
                .contains("  From:    (no sender: a delivery report)\r\n")
                .contains("  Subject: a??Bcc: victim@example.org?? ?gnp.exe xxx")
                .contains("  Why:     held by the checks (greylist?)\r\n")
                .doesNotContain("\u202E");
        String subjectLine = body.lines().filter(line -> line.startsWith("  Subject:")).findFirst().orElseThrow();
        assertThat(subjectLine).endsWith("…").hasSize("  Subject: ".length() + 100);
    }

    @Test
    void aShortRetentionIsToldInHours() throws Exception {
        QuarantineDigest hourly = new QuarantineDigest("mail.example.com", PAGE, ZoneId.of("UTC"), Duration.ofHours(12),
                Locale.ROOT);
        String body = (String) read(hourly.compose(new Digest("a@example.com", List.of(new Digest.Entry(1,
                "x@far.example", "dmarc", NOW, "Subject: x"))), NOW)).getContent();
        assertThat(body).contains("deleted after 12 hours");
    }

    private static MimeMessage read(byte[] message) throws Exception {
        assertThat(new String(message, StandardCharsets.ISO_8859_1)).as("7-bit only").matches("\\p{ASCII}*");
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
    }
}
