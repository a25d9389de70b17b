package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.TestClock;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;

/**
 * Greylisting on port 25 over real sockets and a real PostgreSQL, at the time of a clock the test
 * moves on: no test waits for the delay. Every client is on loopback; 127.0.0.1 and 127.0.0.2 are
 * one /24, 127.0.1.1 another.
 */
class GreylistingTest {

    private static final Duration DELAY = Duration.ofMinutes(5);
    private static final String MESSAGE = "From: someone@shop.test\r\nSubject: greylisted\r\n\r\nhello\r\n";

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private final TestClock clock = new TestClock(Instant.parse("2031-03-01T08:00:00Z"));
    private int port;

    @BeforeEach
    void greylistingOn() {
        port = bed.greylisting(clock, DELAY).mx().port();
    }

    @Test
    void aFirstAttemptAndAnEarlyRetryAreDeferredAndARetryAfterTheDelayIsDelivered() {
        // first attempt: deferred at RCPT, before any data is sent
        try (SmtpTranscript smtp = from("127.0.0.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1 Greylisted, please try again later");
            smtp.send("DATA").expect("503 5.5.1");
        }
        // a retry a second too early: deferred, and the delay still counts from the first attempt
        clock.advance(DELAY.minusSeconds(1));
        try (SmtpTranscript smtp = from("127.0.0.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1");
        }
        // the delay is over: the retry passes and the message is delivered
        clock.advance(Duration.ofSeconds(1));
        deliver("127.0.0.1", "news@shop.test", "alice@example.com");
        // from now on the triplet passes at once
        clock.advance(Duration.ofDays(20));
        deliver("127.0.0.1", "news@shop.test", "alice@example.com");

        assertThat(bed.mail().inbox("alice@example.com")).hasSize(2);
        assertThat(refusals("greylisted")).isEqualTo(2);
        assertThat(outcomes("deferred")).isEqualTo(2);
        assertThat(outcomes("retried")).isEqualTo(1);
        assertThat(outcomes("known")).isEqualTo(1);
        assertThat(bed.log().messages(GREYLIST_LOG)).anyMatch(line -> line.contains("RCPT <alice@example.com> from "
                + "<news@shop.test> refused with 451 4.7.1: reason=greylisted network=127.0.0.0/24 retry-in=300s"))
                .anyMatch(line -> line.contains("greylisting passed <alice@example.com> from <news@shop.test> "
                        + "network=127.0.0.0/24: retried after 300s"));
    }

    @Test
    void theRetryMayComeFromAnotherAddressOfTheSameSlashTwentyFour() {
        try (SmtpTranscript smtp = from("127.0.0.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1");
        }
        clock.advance(DELAY);
        deliver("127.0.0.2", "news@shop.test", "alice@example.com");
        // another network is another triplet
        try (SmtpTranscript smtp = from("127.0.1.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1");
        }
    }

    @Test
    void eachRecipientIsATripletOfItsOwnAndADeferredOneDoesNotHoldBackTheOthers() {
        passed("news@shop.test", "alice@example.com");
        try (SmtpTranscript smtp = from("127.0.0.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("451 4.7.1");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(bed.mail().inbox("bob@example.com")).isEmpty();
    }

    @Test
    void unknownDisabledAndFullRecipientsGetTheirOwnReplyAndAreNeverGreylisted() {
        bed.mail().store("bob@example.com", new byte[(int) TestMailSystem.BOB_QUOTA]);
        try (SmtpTranscript smtp = from("127.0.0.1", "news@shop.test")) {
            smtp.send("RCPT TO:<nobody@example.com>").expect("550 5.1.1");
            smtp.send("RCPT TO:<carol@example.com>").expect("550 5.2.1");
            smtp.send("RCPT TO:<bob@example.com>").expect("452 4.2.2");
            smtp.send("RCPT TO:<someone@elsewhere.test>").expect("554 5.7.1");
        }
        assertThat(bed.meters().find("postroom.smtp.greylist").counters()).isEmpty();
    }

    @Test
    void postmasterAndAbuseAreNeverGreylisted() {
        // catchall.test's catch-all takes its postmaster@ and abuse@ too: they are delivered, not held
        try (SmtpTranscript smtp = from("127.0.0.1", "complaint@shop.test")) {
            smtp.send("RCPT TO:<postmaster@catchall.test>").expect("250 2.1.5");
            smtp.send("RCPT TO:<Abuse@catchall.test>").expect("250 2.1.5");
            smtp.send("RCPT TO:<someone@catchall.test>").expect("451 4.7.1");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).isNotEmpty();
        assertThat(outcomes("exempt")).isEqualTo(2);
    }

    @Test
    void aSenderOnTheRecipientsAllowListIsNeverGreylisted() {
        bed.mail().senderLists().put(SenderList.ofUser("alice@example.com"), "friend@partner.test", SenderAction.ALLOW);
        try (SmtpTranscript smtp = from("127.0.0.1", "friend@partner.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("RCPT TO:<bob@example.com>").expect("451 4.7.1");
        }
    }

    @Test
    void anAuthenticatedSessionIsNeverGreylisted() {
        // the submission listener over the same services: its chain has no greylisting
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com")) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("250 2.1.0");
            smtp.send("RCPT TO:<bob@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw("From: alice@example.com\r\nSubject: internal\r\n\r\nhi\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("bob@example.com")).hasSize(1);
        assertThat(bed.meters().find("postroom.smtp.greylist").counters()).isEmpty();
    }

    @Test
    void aClientSpfAuthenticatesForADomainThatPassedBeforeIsNotGreylistedAndSpfIsAskedOnce() {
        bed.dns().txt("shop.test", "v=spf1 ip4:127.0.0.0/8 -all");
        // shop.test passes greylisting once, from another network and without a message
        try (SmtpTranscript smtp = from("127.0.1.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1");
        }
        clock.advance(DELAY);
        try (SmtpTranscript smtp = from("127.0.1.1", "news@shop.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        }
        assertThat(shopSpfQuestions()).isZero();

        // another server of the shop, another sender, another recipient: SPF passes, so no wait
        deliver("127.0.0.1", "billing@shop.test", "bob@example.com");
        assertThat(bed.authenticationResults("bob@example.com")).first().asString()
                .startsWith("spf=pass smtp.mailfrom=billing@shop.test");
        // evaluated at RCPT by greylisting and taken over by the check at the end of DATA: one question
        assertThat(shopSpfQuestions()).isEqualTo(1);
        assertThat(outcomes("vouched")).isEqualTo(1);
        assertThat(bed.log().messages(GREYLIST_LOG)).anyMatch(line -> line.contains(
                "greylisting passed <bob@example.com> from <billing@shop.test> network=127.0.0.0/24: spf=pass for "
                        + "shop.test, which passed before"));
    }

    @Test
    void spfPassingForADomainThatNeverPassedOrFailingForOneThatDidVouchesForNoOne() {
        bed.dns().txt("new.test", "v=spf1 ip4:127.0.0.0/8 -all").txt("forged.test", "v=spf1 ip4:192.0.2.0/24 -all");
        try (SmtpTranscript smtp = from("127.0.0.1", "news@new.test")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1");
        }
        passed("someone@forged.test", "alice@example.com");
        try (SmtpTranscript smtp = from("127.0.0.1", "other@forged.test")) {
            smtp.send("RCPT TO:<bob@example.com>").expect("451 4.7.1");
        }
        assertThat(outcomes("vouched")).isZero();
    }

    @Test
    void aBounceIsGreylistedByItsTripletAndDeliveredOnItsRetry() {
        // the null sender has no domain to vouch for it, whatever SPF says of the HELO name
        bed.dns().txt("mx.shop.test", "v=spf1 ip4:127.0.0.0/8 -all");
        String dsn = "From: MAILER-DAEMON@mx.shop.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n\r\n"
                + "your message could not be delivered\r\n--b--\r\n";
        try (SmtpTranscript smtp = from("127.0.0.1", "")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("451 4.7.1");
        }
        clock.advance(DELAY);
        try (SmtpTranscript smtp = from("127.0.0.1", "")) {
            smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(dsn + ".\r\n").expect("250 2.0.0");
        }
        assertThat(bed.mail().inbox("alice@example.com")).singleElement()
                .satisfies(stored -> assertThat(new String(stored, StandardCharsets.US_ASCII)).endsWith(dsn));
    }

    private static final String GREYLIST_LOG = "org.postroom.smtp.inbound.greylist.GreylistHook";

    /** A session from {@code client} (a loopback address) after EHLO and MAIL FROM {@code sender}. */
    private SmtpTranscript from(String client, String sender) {
        SmtpTranscript smtp = SmtpTranscript.connectFrom(client, port);
        smtp.ehlo("mx.shop.test");
        smtp.send("MAIL FROM:<" + sender + ">").expect("250 2.1.0");
        return smtp;
    }

    /** One message from {@code client}, accepted at RCPT without delay and delivered. */
    private void deliver(String client, String sender, String recipient) {
        try (SmtpTranscript smtp = from(client, sender)) {
            smtp.send("RCPT TO:<" + recipient + ">").expect("250 2.1.5");
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
        }
    }

    /** Makes the triplet of 127.0.0.1, {@code sender} and {@code recipient} pass: deferred, then retried after the delay. */
    private void passed(String sender, String recipient) {
        try (SmtpTranscript smtp = from("127.0.0.1", sender)) {
            smtp.send("RCPT TO:<" + recipient + ">").expect("451 4.7.1");
        }
        clock.advance(DELAY);
        try (SmtpTranscript smtp = from("127.0.0.1", sender)) {
            smtp.send("RCPT TO:<" + recipient + ">").expect("250 2.1.5");
        }
    }

    private long shopSpfQuestions() {
        return bed.dns().questions().stream().filter("shop.test TXT"::equals).count();
    }

    private double refusals(String reason) {
        return bed.meters().find("postroom.smtp.refusals").tag("reason", reason).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private double outcomes(String outcome) {
        return bed.meters().find("postroom.smtp.greylist").tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
