package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.inbound.limits.SendingControl;
import org.postroom.smtp.testing.TestClock;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.limits.SendingUsage;
import org.postroom.storage.limits.Suspensions;

/**
 * Sending limits of submission over real sockets, TLS and PostgreSQL. Every {@code bed.loggedIn}
 * session reaches a listener of its own over its own services, all on the one database: the
 * counters are what they share. Time is the test's clock, so no clock hour turns under a test.
 */
class SendingLimitsTest {

    private static final String ALICE = "alice@example.com";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private final TestClock clock = new TestClock(Instant.parse("2031-03-01T08:10:00Z"));

    private void limits(SendingLimits limits, int lockAfter) {
        bed.sendingLimits(new SendingPolicy(limits, lockAfter), clock);
    }

    /** One message from alice to {@code recipients} on a new listener; the reply to its data must start with {@code expected}. */
    private void send(String expected, String... recipients) {
        try (SmtpTranscript smtp = bed.loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("250 2.1.0");
            for (String recipient : recipients) {
                smtp.send("RCPT TO:<" + recipient + ">").expect("250 2.1.5");
            }
            smtp.send("DATA").expect("354");
            smtp.raw("From: " + ALICE + "\r\nSubject: limits\r\n\r\nhello\r\n.\r\n").expect(expected);
        }
    }

    /** MAIL on a new listener; its reply must start with {@code expected}. */
    private void mail(String expected) {
        try (SmtpTranscript smtp = bed.loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect(expected);
        }
    }

    private SendingUsage usage() {
        return new SendingCounters(bed.mail().database()).standing(ALICE, clock.instant()).usage();
    }

    @Test
    void overTheHourlyLimitMailGets451AndOverTheDailyLimit550EachNamingItsLimit() {
        limits(new SendingLimits(2, 3, null, null), 0);
        send("250 2.0.0", "far@elsewhere.test");
        send("250 2.0.0", "bob@example.com");
        // the third message this hour: refused at MAIL, the client keeps it and tries again later
        mail("451 4.7.1 Hourly sending limit of your account reached (2 messages per hour), try again later");
        // the next clock hour takes it, on another listener
        clock.advance(Duration.ofHours(1));
        send("250 2.0.0", "far@elsewhere.test");
        // the fourth in 24 hours is refused for good
        mail("550 5.7.1 Daily sending limit of your account reached (3 messages in 24 hours)");
        clock.advance(Duration.ofHours(22));
        mail("550 5.7.1 Daily sending limit");
        // 24 hours after the first hour, its two messages no longer count
        clock.advance(Duration.ofHours(1));
        send("250 2.0.0", "far@elsewhere.test");
        assertThat(bed.mail().queuedRecipients()).hasSize(3);
        assertThat(bed.sessionLines()).anyMatch(line -> line.contains("hourly-limit-reached=1"));
    }

    @Test
    void oneRecipientTooManyForAMessageIsRefusedAtRcptAndTheOthersAreSent() {
        limits(new SendingLimits(null, null, 2, 5), 0);
        try (SmtpTranscript smtp = bed.loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("250 2.1.0");
            smtp.send("RCPT TO:<r1@elsewhere.test>").expect("250 2.1.5");
            smtp.send("RCPT TO:<r2@elsewhere.test>").expect("250 2.1.5");
            smtp.send("RCPT TO:<r3@elsewhere.test>").expect(
                    "452 4.5.3 Recipient limit per message of your account reached (2), send to the others in another message");
            smtp.send("DATA").expect("354");
            smtp.raw("From: " + ALICE + "\r\nSubject: two\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0");
        }
        send("250 2.0.0", "r3@elsewhere.test", "r4@elsewhere.test");
        // one recipient left of the day's five: the second RCPT of the next message is refused for good
        try (SmtpTranscript smtp = bed.loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("250 2.1.0");
            smtp.send("RCPT TO:<r5@elsewhere.test>").expect("250 2.1.5");
            smtp.send("RCPT TO:<r6@elsewhere.test>")
                    .expect("550 5.7.1 Daily recipient limit of your account reached (5 recipients in 24 hours)");
        }
        assertThat(usage()).isEqualTo(new SendingUsage(2, 2, 4, 2, 0));
    }

    @Test
    void twoSessionsPastMailAtOnceGetOneCommitTheOtherIsRefusedAtTheEndOfDataAndNothingStored() {
        limits(new SendingLimits(1, null, null, null), 0);
        try (SmtpTranscript first = bed.loggedIn(ALICE); SmtpTranscript second = bed.loggedIn(ALICE)) {
            for (SmtpTranscript smtp : List.of(first, second)) {
                smtp.send("MAIL FROM:<" + ALICE + ">").expect("250 2.1.0");
                smtp.send("RCPT TO:<far@elsewhere.test>").expect("250 2.1.5");
                smtp.send("DATA").expect("354");
            }
            first.raw("From: " + ALICE + "\r\nSubject: first\r\n\r\nhello\r\n.\r\n").expect("250 2.0.0");
            long stored = bed.mail().storedMessages();
            // never a 250 for a message that was not committed: this one would go over the limit
            second.raw("From: " + ALICE + "\r\nSubject: second\r\n\r\nhello\r\n.\r\n")
                    .expect("451 4.7.1 Hourly sending limit of your account reached (1 messages per hour)");
            assertThat(bed.mail().storedMessages()).isEqualTo(stored);
        }
        assertThat(bed.mail().queuedRecipients()).containsExactly("far@elsewhere.test");
        assertThat(usage()).isEqualTo(new SendingUsage(1, 1, 1, 1, 0));
    }

    @Test
    void theThirdRefusalSuspendsSendingReceivingGoesOnThePostmasterIsToldAndALiftRestoresSending() {
        limits(new SendingLimits(1, null, null, null), 3);
        bed.mail().domains().setPostmasterTarget("example.com", "bob@example.com");
        send("250 2.0.0", "far@elsewhere.test");
        mail("451 4.7.1 Hourly sending limit");
        mail("451 4.7.1 Hourly sending limit");
        mail("451 4.7.1 Hourly sending limit");
        // suspended now: the next hour does not help
        clock.advance(Duration.ofHours(1));
        mail("550 5.7.1 Sending suspended for your account, please contact your administrator");
        assertThat(bed.log().messages(SendingControl.class.getName()))
                .anyMatch(line -> line.contains("sending of <" + ALICE + "> suspended: reason=limit-hits after 3 in 24 hours")
                        && line.contains("notice to <postmaster@example.com> stored as message"));
        String notice = new String(bed.mail().inbox("bob@example.com").get(0), StandardCharsets.UTF_8);
        assertThat(notice).contains("Subject: Sending suspended for alice@example.com", "Auto-Submitted: auto-generated",
                "https://console.postroom.test/users/alice@example.com");

        // alice still receives mail
        bed.receive("mx.sender.test", "news@sender.test", ALICE,
                "From: news@sender.test\r\nSubject: still here\r\n\r\nhello\r\n", "250 2.0.0");
        assertThat(bed.mail().inbox(ALICE)).hasSize(1);

        new Suspensions(bed.mail().database()).lift(ALICE, "admin", clock.instant());
        send("250 2.0.0", "far@elsewhere.test");
    }

    @Test
    void withTheDatabaseDownTheLimitsCannotBeReadAndMailIsDeferredWith451() {
        limits(new SendingLimits(5, null, null, null), 3);
        try (SmtpTranscript smtp = bed.loggedIn(ALICE)) {
            // the null sender needs no ownership check: the limits are the first to ask the database
            bed.mail().breakDatabase();
            smtp.send("MAIL FROM:<>").expect("451 4.3.0");
            bed.mail().repairDatabase();
            smtp.send("MAIL FROM:<>").expect("250 2.1.0");
        }
        assertThat(usage()).isEqualTo(SendingUsage.NOTHING);
    }

    @Test
    void aSuspensionWithNoOneToReadPostmasterWaitsInTheQuarantine() {
        limits(new SendingLimits(1, null, null, null), 1);
        send("250 2.0.0", "far@elsewhere.test");
        mail("451 4.7.1 Hourly sending limit");
        mail("550 5.7.1 Sending suspended");
        assertThat(bed.mail().held()).singleElement().satisfies(held -> assertThat(held.reason()).isEqualTo("role-address"));
    }
}
