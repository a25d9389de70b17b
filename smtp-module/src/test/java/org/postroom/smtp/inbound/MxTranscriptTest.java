package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Port 25 as a remote server sees it, over a real socket and a real PostgreSQL. */
class MxTranscriptTest {

    private static final String MESSAGE = "From: Far Away <far@elsewhere.test>\r\n"
            + "To: alice@example.com\r\n"
            + "Subject: hello\r\n"
            + "\r\n"
            + "Hi Alice,\r\n"
            + "..a line that starts with a dot\r\n"
            + "bye\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private SmtpTranscript connect() {
        return SmtpTranscript.connect(bed.mx().port());
    }

    private SmtpTranscript connect(InboundSettings settings) {
        return SmtpTranscript.connect(bed.mx(settings).port());
    }

    @Test
    void aMessageForALocalUserIsStoredWithItsAuthenticationResultsAndAReceivedHeaderAndNothingElseChanged() {
        try (SmtpTranscript smtp = connect()) {
            assertThat(smtp.ehlo("client.elsewhere.test"))
                    .contains("PIPELINING", "ENHANCEDSTATUSCODES", "8BITMIME", "SIZE 10485760")
                    .noneMatch(keyword -> keyword.startsWith("AUTH"));
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0 Ok: queued as ");
            smtp.send("QUIT").expect("221 2.0.0");
        }
        String stored = new String(bed.mail().inbox("alice@example.com").get(0), StandardCharsets.US_ASCII);
        // elsewhere.test publishes nothing: no SPF, no signature, no DMARC policy
        assertThat(stored).startsWith("Authentication-Results: mx.postroom.test;\r\n"
                + "\tspf=none smtp.mailfrom=far@elsewhere.test;\r\n"
                + "\tdkim=none;\r\n"
                + "\tdmarc=none header.from=elsewhere.test\r\n"
                + "Received: from client.elsewhere.test ([127.0.0.1])\r\n"
                + "\tby mx.postroom.test (Postroom) with ESMTP id ");
        assertThat(stored).contains("\r\n\tfor <alice@example.com>;\r\n");
        assertThat(stored.substring(stored.indexOf("From: "))).isEqualTo(MESSAGE.replace("\r\n..a", "\r\n.a"));
    }

    @Test
    void ehloAndHeloAreAnsweredWithTheServersNameAndTheClientsNameAndAddress() {
        try (SmtpTranscript smtp = connect()) {
            // RFC 5321 §4.1.1.1: the server's name first, then a greeting; no stray parenthesis
            smtp.send("EHLO client.elsewhere.test").expect("250-");
            assertThat(smtp.reply().get(0)).isEqualTo("250-mx.postroom.test Hello client.elsewhere.test [127.0.0.1]");
            assertThat(smtp.reply()).contains("250-PIPELINING", "250-ENHANCEDSTATUSCODES");
            smtp.send("HELO [127.0.0.1]");
            smtp.expect("250 mx.postroom.test Hello [127.0.0.1] [127.0.0.1]");
            assertThat(smtp.reply()).containsExactly("250 mx.postroom.test Hello [127.0.0.1] [127.0.0.1]");
            // what the client calls itself is echoed printable only
            smtp.send("EHLO bad\u001bname").expect("250-mx.postroom.test Hello bad?name [127.0.0.1]");
        }
    }

    @Test
    void oneMessageForSeveralRecipientsIsStoredOnceAndReachesEachMailboxOnce() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            // pipelined, as RFC 2920 allows
            smtp.raw("MAIL FROM:<far@elsewhere.test>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<team@example.com>\r\n"
                    + "RCPT TO:<fwd@example.com>\r\nDATA\r\n");
            smtp.expect("250 2.1.0").expect("250 2.1.5").expect("250 2.1.5").expect("250 2.1.5").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().storedMessages()).isEqualTo(1);
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
        assertThat(new String(bed.mail().inbox("bob@example.com").get(0), StandardCharsets.US_ASCII))
                .doesNotContain("for <").contains("with ESMTP id ");
    }

    @Test
    void aMessageOfTwentySixMebibytesIsStreamedThroughTheSpoolAndStoredExactly() {
        String line = "0123456789".repeat(7) + "\r\n";
        String body = line.repeat(26 * 1024 * 1024 / line.length());
        try (SmtpTranscript smtp = connect(bed.settings(30 * 1024 * 1024))) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test> SIZE=" + body.length()).expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: big\r\n\r\n" + body + ".\r\n").expect("250 2.0.0");
        }
        String stored = new String(bed.mail().inbox("alice@example.com").get(0), StandardCharsets.US_ASCII);
        assertThat(stored).endsWith("Subject: big\r\n\r\n" + body);
        assertThat(bed.spool()).isEmptyDirectory();
    }

    @Test
    void unknownAndDisabledLocalRecipientsAreRefusedAtRcpt() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            // Unknown local user: refused at RCPT, not after DATA
            smtp.send("RCPT TO:<nobody@example.com>").expect("550 5.1.1");
            // A user an administrator disabled
            smtp.send("RCPT TO:<carol@example.com>").expect("550 5.2.1");
            // Nobody left: DATA is out of sequence
            smtp.send("DATA").expect("503 5.5.1");
        }
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void noRelayTrickGetsMailOutOfThisServer() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<spammer@elsewhere.test>").expect("250");
            // Another domain, without AUTH
            smtp.send("RCPT TO:<far@elsewhere.test>").expect("554 5.7.1");
            smtp.send("RCPT TO:<FAR@ELSEWHERE.TEST>").expect("554 5.7.1");
            smtp.send("RCPT TO:<far@[127.0.0.1]>").expect("554 5.7.1");
            // The percent hack, the bang path and a quoted local part are local parts at our domain
            smtp.send("RCPT TO:<far%elsewhere.test@example.com>").expect("550 5.1.1");
            smtp.send("RCPT TO:<far%elsewhere.test@EXAMPLE.COM>").expect("550 5.1.1");
            smtp.send("RCPT TO:<elsewhere.test!far@example.com>").expect("550 5.1.1");
            smtp.send("RCPT TO:<\"far@elsewhere.test\"@example.com>").expect("550 5.1.1");
            // Source routes, a second @ and a trailing dot are not addresses at all
            smtp.send("RCPT TO:<@example.com:far@elsewhere.test>").expect("553 5.1.3");
            smtp.send("RCPT TO:<far@elsewhere.test@example.com>").expect("553 5.1.3");
            smtp.send("RCPT TO:<far@elsewhere.test.>").expect("553 5.1.3");
            smtp.send("DATA").expect("503 5.5.1");
            // Through a catch-all, the trick lands in a local mailbox
            smtp.send("RCPT TO:<far%elsewhere.test@catchall.test>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().queuedRecipients()).isEmpty();
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    @Test
    void anAddressThatIsNoAddressIsRefusedInOneLineWithoutAStackTrace() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<.far@elsewhere.test>").expect("501 5.1.7");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@@example.com>").expect("553 5.1.3");
            // three spaces make James's map of parameters hold an empty word twice
            smtp.send("RCPT TO:   <alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<\"a   b\"@example.com>").expect("550 5.1.1");
            smtp.send("QUIT").expect("221");
        }
        assertThat(bed.log().messages(MailCommand.class.getName())).singleElement().asString()
                .contains("sender refused with 501 5.1.7", "reason=sender-syntax, not an address: ");
        assertThat(bed.log().messages(RcptCommand.class.getName())).singleElement().asString()
                .contains("recipient refused with 553 5.1.3", "reason=recipient-unparsable, not an address: ");
        assertThat(bed.log().stackTraces()).isEmpty();
        assertThat(bed.sessionLines()).singleElement().asString()
                .contains("sender-syntax=1", "recipient-unparsable=1", "recipient-unknown=1");
    }

    @Test
    void commandsOutOfSequenceGet503AndTheTransactionSurvives() {
        try (SmtpTranscript smtp = connect()) {
            // MAIL before EHLO
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("503 5.5.1");
            smtp.ehlo("client.elsewhere.test");
            // RCPT and DATA before MAIL
            smtp.send("RCPT TO:<alice@example.com>").expect("503 5.5.1");
            smtp.send("DATA").expect("503 5.5.1");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            // DATA without a recipient
            smtp.send("DATA").expect("503 5.5.1");
            // A second MAIL keeps the first sender
            smtp.send("MAIL FROM:<other@elsewhere.test>").expect("503 5.5.1");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    @Test
    void unknownCommandsAndBadSyntaxAreNamedAsSuch() {
        try (SmtpTranscript smtp = connect()) {
            smtp.send("EHLO").expect("501 5.5.4");
            smtp.ehlo("client.elsewhere.test");
            smtp.send("FROB nicate").expect("500 5.5.1");
            // the client's word is not repeated: a terminal escape or a bare CR would go back with it
            smtp.send("FROB\u001b[2J\rnicate").expect("500 5.5.1 Command not recognized");
            smtp.send("").expect("500 5.5.1");
            // AUTH is not a command of the MX listener
            smtp.send("AUTH PLAIN AGFsaWNlAHNlY3JldA==").expect("500 5.5.1");
            smtp.send("MAIL TO:<far@elsewhere.test>").expect("501 5.5.4");
            smtp.send("MAIL FROM:far@elsewhere.test").expect("501 5.1.7");
            smtp.send("MAIL FROM:<far@elsewhere.test> SIZE=lots").expect("501 5.5.4");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:alice@example.com").expect("501 5.5.2");
            // DSN parameters are not offered (RFC 3461)
            smtp.send("RCPT TO:<alice@example.com> NOTIFY=NEVER").expect("555 5.5.4");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA now").expect("501 5.5.4");
            smtp.send("VRFY alice").expect("502 5.3.3");
            smtp.send("RSET").expect("250 2.0.0");
            smtp.send("NOOP").expect("250 2.0.0");
            smtp.send("QUIT").expect("221 2.0.0");
            smtp.expectClosed();
        }
    }

    @Test
    void aCommandLineOverTheLimitOfRfc5321Gets500AndTheSessionGoesOn() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            // 512 octets with the CRLF is the limit (RFC 5321 §4.5.3.1.4)
            smtp.send("NOOP " + "x".repeat(512 - 7)).expect("250");
            smtp.send("NOOP " + "x".repeat(512 - 6)).expect("500 5.5.2");
            // longer than the listener's frame: the framer drops it, the session answers the same
            smtp.send("NOOP " + "x".repeat(TestListener.MAX_LINE + 10)).expect("500 5.5.2");
            smtp.send("NOOP").expect("250 2.0.0");
            // however long, one line is one refusal: no piece of it ever runs as a command
            smtp.send("x".repeat(70_000) + "MAIL FROM:<far@elsewhere.test>").expect("500 5.5.2");
            smtp.raw("x".repeat(70_000) + "\nRSET\r\n").expect("500 5.5.2").expect("250 2.0.0");
            smtp.send("NOOP").expect("250 2.0.0");
            smtp.send("RCPT TO:<alice@example.com>").expect("503 5.5.1");
        }
    }

    @Test
    void aDataLineOverTheFrameLimitRefusesTheWholeMessageInsteadOfTruncatingIt() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("Subject: long\r\n\r\n" + "y".repeat(TestListener.MAX_LINE + 100) + "\r\nend\r\n.\r\n")
                    .expect("552 5.3.4");
            // the session is usable again
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(bed.mail().storedMessages()).isEqualTo(1);
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedAtMailAndDuringData() {
        try (SmtpTranscript smtp = connect(bed.settings(4096))) {
            assertThat(smtp.ehlo("client.elsewhere.test")).contains("SIZE 4096");
            // declared with SIZE= (RFC 1870): refused before any data
            smtp.send("MAIL FROM:<far@elsewhere.test> SIZE=4097").expect("552 5.3.4");
            smtp.send("MAIL FROM:<far@elsewhere.test> SIZE=100").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            // declared small, sent big: refused at the end of the data
            smtp.raw("Subject: big\r\n\r\n" + ("z".repeat(98) + "\r\n").repeat(50) + ".\r\n").expect("552 5.3.4");
        }
        assertThat(bed.mail().storedMessages()).isZero();
    }

    @Test
    void theRecipientAfterTheLimitGets452AndTheOthersGetTheMessage() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            StringBuilder rcpts = new StringBuilder();
            for (int i = 1; i <= 101; i++) {
                rcpts.append("RCPT TO:<alice+").append(i).append("@example.com>\r\n");
            }
            smtp.raw(rcpts.toString());
            for (int i = 1; i <= 100; i++) {
                smtp.expect("250 2.1.5");
            }
            smtp.expect("452 4.5.3");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    @Test
    void aFullMailboxIsRefusedAtRcptWith452() {
        bed.mail().store("bob@example.com", new byte[(int) TestMailSystem.BOB_QUOTA]);
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<bob@example.com>").expect("452 4.2.2");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
        }
    }

    @Test
    void withTheDatabaseDownTheClientIsToldToRetryAndNothingIsHalfStored() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            // Database down at RCPT: the directory cannot be asked
            bed.mail().breakDatabase();
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.3.0");
            bed.mail().repairDatabase();
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<fwd@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            // Database down at the commit: 451, nothing stored, nothing queued
            bed.mail().breakDatabase();
            smtp.raw(MESSAGE + ".\r\n").expect("451 4.3.0");
            bed.mail().repairDatabase();
            assertThat(bed.mail().storedMessages()).isZero();
            assertThat(bed.mail().queuedRecipients()).isEmpty();
            // the client's retry gets through
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    @Test
    void eachSessionEndsWithOneLogLineForOperators() {
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<nobody@example.com>").expect("550");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
            String queueId = smtp.reply().get(0).substring("250 2.0.0 Ok: queued as ".length());
            smtp.send("QUIT").expect("221");
            smtp.expectClosed();
            assertThat(bed.sessionLines()).singleElement().asString()
                    .contains("from 127.0.0.1", "ehlo=client.elsewhere.test", "tls=none", "auth=-",
                            "outcome=\"quit\"", "queued=[" + queueId + "]", "refused={recipient-unknown=1}");
        }
        assertThat(bed.meters().get("postroom.smtp.sessions").tags("listener", "smtp-mx", "outcome", "quit").counter()
                .count()).isEqualTo(1);
        assertThat(bed.meters().get("postroom.smtp.messages.received").tag("listener", "smtp-mx").counter().count())
                .isEqualTo(1);
        assertThat(bed.meters().get("postroom.smtp.refusals").tags("listener", "smtp-mx", "reason", "recipient-unknown")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aDeclaredSizeThatDoesNotFitTheMailboxIsRefusedAtRcptWith452() {
        bed.mail().store("bob@example.com", new byte[(int) TestMailSystem.BOB_QUOTA - 1000]);
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            // RFC 1870: the client said how big the message is; bob has 1000 bytes left
            smtp.send("MAIL FROM:<far@elsewhere.test> SIZE=5000").expect("250");
            smtp.send("RCPT TO:<bob@example.com>").expect("452 4.2.2");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("RSET").expect("250");
            smtp.send("MAIL FROM:<far@elsewhere.test> SIZE=500").expect("250");
            smtp.send("RCPT TO:<bob@example.com>").expect("250");
        }
    }

    @Test
    void aMessageOneRecipientsMailboxCannotTakeIsRefusedWholeWithoutADsn() {
        // room for bob at RCPT, but not for this message: only the commit finds out. On port 25 the
        // sender may be forged; a DSN to it would carry the stranger's text to a third party
        // (backscatter), so the client hears 452 for all and keeps the message
        bed.mail().store("bob@example.com", new byte[(int) TestMailSystem.BOB_QUOTA - 100]);
        try (SmtpTranscript smtp = connect()) {
            smtp.ehlo("client.elsewhere.test");
            smtp.send("MAIL FROM:<forged@elsewhere.test>").expect("250");
            smtp.send("RCPT TO:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<bob@example.com>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("452 4.2.2");
            smtp.send("NOOP").expect("250");
        }
        assertThat(bed.mail().inbox("alice@example.com")).isEmpty();
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
        assertThat(bed.mail().storedMessages()).as("only bob's earlier message").isEqualTo(1);
        assertThat(bed.mail().queuedRecipients()).as("no DSN").isEmpty();
    }
}
