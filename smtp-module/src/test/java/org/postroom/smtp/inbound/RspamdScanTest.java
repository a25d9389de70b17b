package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.inbound.spam.FailMode;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.rspamd.RspamdScanner;
import org.postroom.smtp.testing.RspamdAvailable;
import org.postroom.smtp.testing.TestRspamd;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.limits.SuspensionReason;
import org.postroom.storage.limits.Suspensions;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.quarantine.HeldMessage;
import org.postroom.storage.spam.SpamPolicy;

/**
 * The spam filter against a real rspamd ({@link TestRspamd}): what rspamd advises for a message
 * decides its fate on port 25 and on submission, the client never hears 250 before the commit, and
 * rspamd's verdict is stored with what is delivered or held.
 */
@ExtendWith(RspamdAvailable.class)
class RspamdScanTest {

    private static final long MAX_SIZE = 64 * 1024;

    @RegisterExtension
    static final TestRspamd.PerClass RSPAMD = TestRspamd.perClass();

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private SpamFilter filter() {
        return SpamFilter.rspamd(new RspamdScanner(RSPAMD.get().scanUrl(), Duration.ofSeconds(30)), MAX_SIZE,
                FailMode.OPEN, bed.mail().spamPolicies(), bed.meters());
    }

    static String message(String subject, String body) {
        return "From: <news@sender.test>\r\nTo: alice@example.com\r\nSubject: " + subject + "\r\n"
                + "Date: Thu, 26 Nov 2026 08:00:00 +0000\r\nMessage-ID: <" + subject.hashCode() + "@sender.test>\r\n"
                + "\r\n" + body + "\r\n";
    }

    /** One message over a new session on {@code port}; the reply to its data must start with {@code expected}. */
    static void send(int port, String message, String expected) {
        try (SmtpTranscript smtp = SmtpTranscript.connect(port)) {
            smtp.ehlo("mx.sender.test");
            smtp.send("MAIL FROM:<news@sender.test>").expect("250 2.1.0");
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(message + ".\r\n").expect(expected);
            smtp.send("QUIT").expect("221");
        }
    }

    private String lastInboxMessage() {
        List<byte[]> inbox = bed.mail().inbox("alice@example.com");
        assertThat(inbox).isNotEmpty();
        return new String(inbox.get(inbox.size() - 1), StandardCharsets.UTF_8);
    }

    private MessageCheck rspamdVerdict() {
        return rspamdVerdict(bed);
    }

    /** The rspamd verdict stored with the message stored last. */
    static MessageCheck rspamdVerdict(SmtpTestBed bed) {
        return bed.mail().checksOfLastMessage().stream().filter(check -> check.check().equals("rspamd")).findFirst()
                .orElseThrow(() -> new AssertionError("no rspamd verdict stored: " + bed.mail().checksOfLastMessage()));
    }

    private double scans(String result) {
        return scans(bed, result);
    }

    /** What the MX listeners counted of rspamd's {@code result}. */
    static double scans(SmtpTestBed bed, String result) {
        return bed.meters().counter("postroom.antispam.rspamd.scans", "listener", "smtp-mx", "result", result).count();
    }

    /** A message from alice to someone elsewhere over submission; the reply to its data must start with {@code expected}. */
    private void submit(String subject, String body, String expected) {
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com", filter())) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<someone@elsewhere.test>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw(message(subject, body).replace("news@sender.test", "alice@example.com") + ".\r\n")
                    .expect(expected);
        }
    }

    @Test
    void theGtubeTestMessageIsRefusedWith550AndNothingIsStored() {
        int port = bed.mx(filter()).port();

        send(port, message("gtube", TestRspamd.GTUBE), "550 5.7.1 Message refused as spam: Gtube pattern");

        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(scans("reject")).isEqualTo(1);
        assertThat(bed.meters().counter("postroom.smtp.refusals", "listener", "smtp-mx", "reason", "spam-rejected")
                .count()).isEqualTo(1);
        assertThat(bed.log().messages("org.postroom.smtp.inbound.spam.SpamCheck"))
                .anyMatch(line -> line.contains("reason=spam-rejected") && line.contains("GTUBE"));
    }

    @Test
    void aCleanMessageIsDeliveredWithItsScoreAndTheVerdictIsStored() {
        int port = bed.mx(filter()).port();

        send(port, message("lunch", "Shall we meet for lunch on Thursday?"), "250 2.0.0");

        String stored = lastInboxMessage();
        assertThat(stored).startsWith("Authentication-Results: ").contains("\r\nX-Spam-Status: No, score=")
                .contains("\r\nX-Spam-Score: ").doesNotContain("X-Spam-Flag").contains("\r\nSubject: lunch\r\n");
        MessageCheck verdict = rspamdVerdict();
        assertThat(verdict.result()).isEqualTo("no-action");
        assertThat(verdict.detail()).startsWith("score=").contains(" required=15.00");
        assertThat(scans("no-action")).isEqualTo(1);
    }

    @Test
    void spamRspamdLetsThroughIsTaggedAndItsForgedVerdictRemoved() {
        int port = bed.mx(filter()).port();

        send(port, message(TestRspamd.SPAM_WORD + " offer", "X-Spam-Status: No\r\n").replace("To: alice",
                "X-Spam-Status: No, all clean\r\n\tfolded\r\nX-Spam-Flag: NO\r\nTo: alice"), "250 2.0.0");

        String stored = lastInboxMessage();
        assertThat(stored).contains("\r\nX-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=")
                .contains("action=add-header").contains("\r\nSubject: [SPAM] " + TestRspamd.SPAM_WORD + " offer\r\n")
                .doesNotContain("all clean").doesNotContain("folded").doesNotContain("X-Spam-Flag: NO");
        // the body is the body: a line that looks like the field stays
        assertThat(stored).endsWith("\r\n\r\nX-Spam-Status: No\r\n\r\n");
        assertThat(rspamdVerdict().result()).isEqualTo("add-header");
        assertThat(rspamdVerdict().detail()).contains("POSTROOM_TEST_SPAM(8.00)");
    }

    @Test
    void aDomainThatHoldsSpamGetsItInTheQuarantineAndTheClientHears250() {
        bed.mail().spamPolicies().set("example.com", new SpamPolicy("[SPAM]", true));
        int port = bed.mx(filter()).port();

        send(port, message(TestRspamd.SPAM_WORD + " held", "buy"), "250 2.0.0");

        assertThat(bed.mail().inbox("alice@example.com")).isEmpty();
        HeldMessage held = bed.mail().held().get(0);
        assertThat(held.reason()).isEqualTo("spam");
        assertThat(held.header()).contains("X-Spam-Flag: YES").contains("Subject: " + TestRspamd.SPAM_WORD + " held");
        assertThat(held.checks()).anyMatch(check -> check.check().equals("rspamd") && check.result().equals("add-header"));
    }

    @Test
    void aDomainTagOfItsOwnIsUsedAndNoTagLeavesTheSubject() {
        bed.mail().spamPolicies().set("example.com", new SpamPolicy("***JUNK***", false));
        int port = bed.mx(filter()).port();
        send(port, message(TestRspamd.SPAM_WORD + " one", "buy"), "250 2.0.0");
        assertThat(lastInboxMessage()).contains("\r\nSubject: ***JUNK*** " + TestRspamd.SPAM_WORD + " one\r\n");

        bed.mail().spamPolicies().set("example.com", new SpamPolicy("", false));
        send(port, message(TestRspamd.SPAM_WORD + " two", "buy"), "250 2.0.0");
        assertThat(lastInboxMessage()).contains("\r\nSubject: " + TestRspamd.SPAM_WORD + " two\r\n")
                .contains("X-Spam-Flag: YES");
    }

    @Test
    void aSoftRejectIsATemporaryRefusal() {
        int port = bed.mx(filter()).port();

        send(port, message(TestRspamd.DEFER_WORD, "later"), "451 4.7.1 Message deferred by the spam filter");

        assertThat(bed.mail().storedMessages()).isZero();
        assertThat(bed.meters().counter("postroom.smtp.refusals", "listener", "smtp-mx", "reason", "spam-deferred")
                .count()).isEqualTo(1);
    }

    @Test
    void aMessageOverTheScanLimitIsDeliveredUnscanned() {
        int port = bed.mx(filter()).port();
        String big = (TestRspamd.GTUBE + "\r\n" + "x".repeat(998) + "\r\n").repeat(80);

        send(port, message("large", big), "250 2.0.0");

        assertThat(lastInboxMessage()).doesNotContain("X-Spam-Status");
        assertThat(rspamdVerdict().result()).isEqualTo("skipped");
        assertThat(rspamdVerdict().detail()).contains("over the scan limit of " + MAX_SIZE);
        assertThat(scans("too-large")).isEqualTo(1);
    }

    @Test
    void submittedSpamIsRefusedAndCountedAgainstTheUser() {
        submit("gtube", TestRspamd.GTUBE, "550 5.7.1 Message refused as spam");

        assertThat(bed.mail().queuedRecipients()).isEmpty();
        assertThat(bed.meters().counter("postroom.antispam.outbound.rejected", "user", "alice@example.com").count())
                .isEqualTo(1);
    }

    @Test
    void aUserWhoseSubmittedMailRspamdRejectsTwiceInADayHasSendingSuspendedWithLockAfterTwo() {
        bed.sendingLimits(new SendingPolicy(SendingLimits.NONE, 2), Clock.systemUTC());
        submit("gtube", TestRspamd.GTUBE, "550 5.7.1 Message refused as spam");
        submit("gtube again", TestRspamd.GTUBE, "550 5.7.1 Message refused as spam");
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com", filter())) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("550 5.7.1 Sending suspended");
        }
        assertThat(new Suspensions(bed.mail().database()).inForce()).singleElement()
                .satisfies(suspension -> assertThat(suspension.reason()).isEqualTo(SuspensionReason.SPAM_REJECTS));
    }

    @Test
    void submittedMailRspamdLetsPassGoesOutUnchangedWithItsVerdict() {
        submit(TestRspamd.SPAM_WORD, "hello", "250");

        assertThat(bed.mail().queuedRecipients()).containsExactly("someone@elsewhere.test");
        assertThat(rspamdVerdict().result()).isIn("no-action", "add-header");
    }
}
