package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ports 587 and 465 as a mail client sees them, over real sockets, TLS and PostgreSQL. */
class SubmissionTranscriptTest {

    private static final Duration FAILURE_DELAY = Duration.ofMillis(200);
    private static final String PLAIN_ALICE = plain("alice@example.com", TestMailSystem.PASSWORD);

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed(3, FAILURE_DELAY);

    private TestListener listener;

    private SmtpTranscript connect() {
        listener = bed.submission();
        return SmtpTranscript.connect(listener.port());
    }

    /** EHLO, STARTTLS, EHLO again: the session inside TLS. */
    private SmtpTranscript connectWithTls() {
        SmtpTranscript smtp = connect();
        smtp.ehlo("laptop.example.com");
        smtp.send("STARTTLS").expect("220 2.0.0");
        smtp.startTls();
        return smtp;
    }

    @Test
    void authIsNeitherAnnouncedNorTakenBeforeTls() {
        try (SmtpTranscript smtp = connect()) {
            assertThat(smtp.ehlo("laptop.example.com")).contains("STARTTLS").noneMatch(k -> k.startsWith("AUTH"));
            // the client is stopped before it sends a password in clear text
            smtp.send("AUTH LOGIN").expect("538 5.7.11");
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("538 5.7.11");
            // submission needs AUTH before MAIL (RFC 6409 §4.3)
            smtp.send("MAIL FROM:<alice@example.com>").expect("530 5.7.0");
        }
    }

    @Test
    void afterStartTlsAUserSendsToLocalAndRemoteRecipients() {
        try (SmtpTranscript smtp = connectWithTls()) {
            assertThat(smtp.ehlo("laptop.example.com")).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            smtp.send("MAIL FROM:<alice@example.com>").expect("530 5.7.0");
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("235 2.7.0");
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("503 5.5.1");
            smtp.send("MAIL FROM:<alice@example.com>").expect("250 2.1.0");
            smtp.send("RCPT TO:<bob@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<far@elsewhere.test>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            // a script's message without Date and Message-ID
            smtp.raw("From: alice@example.com\r\nSubject: hi\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0");
            smtp.send("QUIT").expect("221");
        }
        String stored = new String(bed.mail().inbox("bob@example.com").get(0), StandardCharsets.US_ASCII);
        assertThat(stored).startsWith("Received: from laptop.example.com ([127.0.0.1])\r\n\t(using TLSv1.3 with cipher TLS_")
                .contains("by mx.postroom.test (Postroom) with ESMTPSA id ")
                .containsPattern("\r\nDate: [^\r\n]+\r\nMessage-ID: <[^>]+@mx\\.postroom\\.test>\r\n\r\nhello\r\n$");
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
    }

    @Test
    void aUserWhoseRecipientsMailboxFillsUpWithTheMessageGetsADsnQuotingOnlyAFewHeaders() {
        // room for bob at RCPT, but not for this message; the sender logged in, so a DSN reaches
        // the real sender, and it quotes at most 8 KiB of the header section and none of the body
        bed.mail().store("bob@example.com", new byte[(int) TestMailSystem.BOB_QUOTA - 100]);
        String header = "From: alice@example.com\r\nSubject: the report\r\n"
                + ("X-Filler: " + "y".repeat(990) + "\r\n").repeat(100);
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com")) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<bob@example.com>").expect("250");
            smtp.send("RCPT TO:<far@elsewhere.test>").expect("250");
            smtp.send("DATA").expect("354");
            // one reply for both (RFC 5321): 250, since far@ got it; bob's loss is told in the DSN
            smtp.raw(header + "\r\nthe secret body\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
        byte[] dsn = bed.mail().inbox("alice@example.com").get(0);
        String text = new String(dsn, StandardCharsets.US_ASCII);
        assertThat(text).contains("From: Mail Delivery System <MAILER-DAEMON@mx.postroom.test>",
                "Final-Recipient: rfc822; bob@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\n",
                "Content-Type: text/rfc822-headers", "Subject: the report\r\n")
                .doesNotContain("far@elsewhere.test", "the secret body");
        String quoted = text.substring(text.indexOf("Content-Type: text/rfc822-headers"));
        assertThat(quoted.length()).isLessThan(8 * 1024 + 200);
        assertThat(dsn.length).isLessThan(12 * 1024);
    }

    @Test
    void authLoginWorksToo() {
        try (SmtpTranscript smtp = connectWithTls()) {
            smtp.ehlo("laptop.example.com");
            smtp.send("AUTH LOGIN").expect("334 VXNlcm5hbWU6");
            smtp.send(base64("alice@example.com")).expect("334 UGFzc3dvcmQ6");
            smtp.send(base64(TestMailSystem.PASSWORD)).expect("235 2.7.0");
        }
    }

    @Test
    void aUserMayNotSendAsSomeoneElse() {
        try (SmtpTranscript smtp = connectWithTls()) {
            smtp.ehlo("laptop.example.com");
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("235");
            smtp.send("MAIL FROM:<bob@example.com>").expect("553 5.7.1");
            smtp.send("MAIL FROM:<ceo@elsewhere.test>").expect("553 5.7.1");
            smtp.send("MAIL FROM:<team@example.com>").expect("250");
        }
    }

    @Test
    void failedLoginsAreAnsweredMoreSlowlyUntilTheAddressIsShutOut() {
        try (SmtpTranscript smtp = connectWithTls()) {
            smtp.ehlo("laptop.example.com");
            smtp.send("AUTH PLAIN " + plain("alice@example.com", "guess1")).expect("535 5.7.8");
            smtp.send("AUTH PLAIN " + plain("alice@example.com", "guess2")).expect("535 5.7.8");
            long start = System.nanoTime();
            smtp.send("AUTH PLAIN " + plain("alice@example.com", "guess3")).expect("535 5.7.8");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FAILURE_DELAY.multipliedBy(3));
            // three failures in the window: refused without a check, and the session ends
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("421 4.7.0");
            smtp.expectClosed();
        }
        try (SmtpTranscript again = connectWithTlsAgain()) {
            again.ehlo("laptop.example.com");
            again.send("AUTH PLAIN " + PLAIN_ALICE).expect("421 4.7.0");
        }
    }

    @Test
    void anAuthAnswerOverTheLineLimitEndsTheExchange() {
        try (SmtpTranscript smtp = connectWithTls()) {
            smtp.ehlo("laptop.example.com");
            smtp.send("AUTH LOGIN").expect("334");
            // RFC 4954 §4; the next line is a command again, not taken for the user name
            smtp.send("x".repeat(TestListener.MAX_LINE + 10)).expect("500 5.5.6");
            smtp.send("NOOP").expect("250 2.0.0");
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("235 2.7.0");
        }
        assertThat(bed.sessionLines()).singleElement().asString()
                .contains("auth=alice@example.com", "refused={auth-line-too-long=1}");
    }

    @Test
    void aCommandPipelinedBehindStartTlsIsNeverExecuted() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("laptop.example.com");
            // CVE-2011-0411: clear text after STARTTLS must not run inside TLS
            smtp.raw("STARTTLS\r\nAUTH PLAIN " + PLAIN_ALICE + "\r\n");
            smtp.expect("503 5.5.1");
            smtp.expectClosed();
        }
        assertThat(bed.sessionLines()).singleElement().asString().contains("auth=-",
                "outcome=\"closed by server with 503 5.5.1\"", "refused={pipelined-after-starttls=1}");
    }

    @Test
    void implicitTlsOnPort465TakesAuthAtOnce() {
        listener = bed.submissions();
        try (SmtpTranscript smtp = SmtpTranscript.connectTls(listener.port())) {
            assertThat(((SSLSocket) smtp.socket()).getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(smtp.ehlo("laptop.example.com")).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            smtp.send("STARTTLS").expect("500 5.5.1");
            smtp.send("AUTH PLAIN " + PLAIN_ALICE).expect("235 2.7.0");
            smtp.send("MAIL FROM:<alice@example.com>").expect("250");
            smtp.send("QUIT").expect("221");
        }
        assertThat(bed.sessionLines()).singleElement().asString()
                .contains("tls=TLSv1.3/TLS_", "auth=alice@example.com", "outcome=\"quit\"")
                .doesNotContain(TestMailSystem.PASSWORD, PLAIN_ALICE);
    }

    private SmtpTranscript connectWithTlsAgain() {
        SmtpTranscript smtp = SmtpTranscript.connect(listener.port());
        smtp.ehlo("laptop.example.com");
        smtp.send("STARTTLS").expect("220 2.0.0");
        return smtp.startTls();
    }

    private static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
