package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.testing.DkimCheck;
import org.postroom.smtp.testing.TestSmtpServer;
import org.postroom.smtp.testing.TestSmtpServer.Transaction;
import org.postroom.storage.queue.DeliveryAttempt;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.storage.queue.TestQueue;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/** One attempt at a time, run in the test's thread, against the test SMTP server via a route. */
class OutboundDeliveryTest {

    private final DeliveryFixture fixture = new DeliveryFixture().route("far.example");

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void theStoredBytesGoOutExactlyBehindAValidDkimSignatureAndTheEntryIsCompleted() throws Exception {
        byte[] original = DeliveryFixture.message("Alice <alice@example.com>", "exact",
                ".a line starting with a dot\r\n.\r\n..two dots\r\ngrüße, 8-bit\r\n");
        fixture.send(DeliveryFixture.ALICE, original, "bob@far.example");
        long entryId = fixture.queue.list(0, 1).get(0).id();

        fixture.deliverDue();

        Transaction received = fixture.smtp.transactions().get(0);
        assertThat(received.mailFrom()).isEqualTo(DeliveryFixture.ALICE);
        assertThat(received.mailParameters()).isEqualTo("BODY=8BITMIME");
        assertThat(received.recipients()).containsExactly("bob@far.example");
        String signature = received.text().substring(0, received.text().indexOf("\r\n") + 2);
        assertThat(signature).startsWith("DKIM-Signature:").contains("d=example.com").contains("s=postroom")
                .contains("c=relaxed/relaxed");
        assertThat(Arrays.copyOfRange(received.data(), signature.getBytes(StandardCharsets.US_ASCII).length,
                received.data().length)).isEqualTo(original);
        assertThat(verifiesWithTheDomainsKey(received.data())).isTrue();

        assertThat(fixture.queue.find(entryId)).isEmpty();
        DeliveryAttempt attempt = fixture.queue.attempts(entryId).get(0);
        assertThat(attempt.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(attempt.nextHop()).isEqualTo(fixture.smtp.hostAndPort());
        assertThat(attempt.reply()).isEqualTo("250 2.0.0 queued");
    }

    @Test
    void noBareCrOrLfGoesOutEvenIfTheStoreHeldOne() {
        // the inbound side refuses such messages; this is the outbound half of the SMTP smuggling defence
        byte[] smuggling = DeliveryFixture.message(DeliveryFixture.ALICE, "smuggle",
                "one\n.\r\nMAIL FROM:<x@evil.example>\r\ntwo\rthree\r\n");
        fixture.send(DeliveryFixture.ALICE, smuggling, "bob@far.example");
        fixture.deliverDue();

        Transaction received = fixture.smtp.transactions().get(0);
        assertThat(fixture.smtp.mailCommands()).isEqualTo(1);
        assertThat(received.text()).doesNotContainPattern("[^\r]\n").doesNotContainPattern("\r[^\n]")
                .contains("one\r\n.\r\nMAIL FROM:<x@evil.example>\r\ntwo\r\nthree\r\n");
    }

    @Test
    void anInternationalisedAddressGoesOutWithSmtputf8WhereOffered() {
        fixture.smtp.offerSmtputf8();
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "utf8", "hi\r\n"),
                "jörg@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> {
            assertThat(t.mailParameters()).contains("SMTPUTF8");
            assertThat(t.recipients()).containsExactly("jörg@far.example");
        });
    }

    @Test
    void anInternationalisedAddressBouncesWhereSmtputf8IsNotOffered() {
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "utf8", "hi\r\n"),
                "jörg@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.mailCommands()).isZero();
        assertThat(new String(fixture.inbox(DeliveryFixture.ALICE).get(0), StandardCharsets.UTF_8))
                .contains("Status: 5.6.7");
    }

    @Test
    void aChangedBodyNoLongerVerifies() throws Exception {
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "tamper", "original\r\n"),
                "bob@far.example");
        fixture.deliverDue();
        String tampered = fixture.smtp.transactions().get(0).text().replace("original", "changed!");
        assertThat(verifiesWithTheDomainsKey(tampered.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void mailFromAForeignDomainGoesOutUnsigned() {
        fixture.receive("carol@elsewhere.example", DeliveryFixture.message("carol@elsewhere.example", "fwd", "hi\r\n"),
                "bob@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions().get(0).text()).startsWith("From: carol@elsewhere.example\r\n");
    }

    @Test
    void mailFromTheInternetGoesOutUnsignedEvenWhenItsFromIsOurDomain() {
        // a stranger's word is not ours to sign, however its header reads
        fixture.receive("stranger@elsewhere.example", DeliveryFixture.message("CEO <alice@example.com>", "forged",
                "hi\r\n"), "bob@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions().get(0).text()).startsWith("From: CEO <alice@example.com>\r\n");
    }

    @Test
    void plainAsciiMailAsksForNoExtensionsEvenWhereOffered() {
        fixture.smtp.offerSmtputf8();
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "ascii", "hi\r\n"),
                "bob@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions().get(0).mailParameters()).isEmpty();
    }

    @Test
    void severalRecipientsAtOneDomainShareOneTransaction() {
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "team", "hi all\r\n"),
                "a@far.example", "b@far.example", "c@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> assertThat(t.recipients())
                .containsExactlyInAnyOrder("a@far.example", "b@far.example", "c@far.example"));
        assertThat(fixture.smtp.connections()).isEqualTo(1);
        assertThat(fixture.queue.summary().depth()).isZero();
    }

    @Test
    void aTemporaryRcptRefusalDefersOnlyThatRecipient() {
        fixture.smtp.rcptReply(rcpt -> rcpt.startsWith("busy") ? "452 4.2.2 mailbox busy" : "250 2.1.5 ok");
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "partial", "hi\r\n"),
                "ok@far.example", "busy@far.example");
        Instant before = Instant.now();
        fixture.deliverDue();

        assertThat(fixture.smtp.transactions()).singleElement()
                .satisfies(t -> assertThat(t.recipients()).containsExactly("ok@far.example"));
        QueueEntry waiting = fixture.queue.list(0, 10).get(0);
        assertThat(waiting.recipient()).isEqualTo("busy@far.example");
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(waiting.lastError()).isEqualTo("452 4.2.2 mailbox busy");
        // the first delay of the schedule (1 minute)
        assertThat(waiting.nextAttemptAt()).isBetween(before.plusSeconds(50), Instant.now().plusSeconds(70));
        assertThat(fixture.inbox(DeliveryFixture.ALICE)).isEmpty();
    }

    @Test
    void aDeferredEntryIsDeliveredOnItsRetry() {
        fixture.smtp.nextDataReplies("451 4.3.0 try again later");
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "retry", "hi\r\n"),
                "bob@far.example");
        fixture.deliverDue();
        QueueEntry deferred = fixture.queue.list(0, 1).get(0);
        assertThat(deferred.lastError()).isEqualTo("451 4.3.0 try again later");
        assertThat(fixture.smtp.transactions()).isEmpty();

        fixture.queue.retryNow(deferred.id());
        fixture.deliverDue();

        assertThat(fixture.smtp.transactions()).hasSize(1);
        assertThat(fixture.queue.attempts(deferred.id())).extracting(DeliveryAttempt::outcome)
                .containsExactly(Outcome.DEFERRED, Outcome.DELIVERED);
        assertThat(attempts("deferred")).isEqualTo(1);
        assertThat(attempts("delivered")).isEqualTo(1);
        assertThat(attempts("bounced")).isZero();
        assertThat(fixture.meters.get("postroom.delivery.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void aPermanentRefusalBouncesIntoTheLocalSendersMailboxNamingTheRemoteHostAndReply() throws Exception {
        fixture.smtp.rcptReply(rcpt -> rcpt.startsWith("nobody") ? "550 5.1.1 <nobody@far.example>: no such user"
                : "250 2.1.5 ok");
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message("Alice <alice@example.com>", "bounce me", "hi\r\n"),
                "nobody@far.example", "bob@far.example");
        fixture.deliverDue();

        assertThat(fixture.smtp.transactions()).singleElement()
                .satisfies(t -> assertThat(t.recipients()).containsExactly("bob@far.example"));
        assertThat(fixture.queue.summary().depth()).isZero();
        assertThat(attempts("bounced")).isEqualTo(1);
        assertThat(attempts("delivered")).isEqualTo(1);
        List<byte[]> inbox = fixture.inbox(DeliveryFixture.ALICE);
        assertThat(inbox).hasSize(1);
        assertThat(new String(inbox.get(0), StandardCharsets.UTF_8)).doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");

        MimeMessage dsn = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(inbox.get(0)));
        assertThat(dsn.getContentType()).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(dsn.getFrom()[0].toString()).contains("MAILER-DAEMON@" + DeliveryFixture.HOSTNAME);
        MimeMultipart report = (MimeMultipart) dsn.getContent();
        assertThat(report.getCount()).isEqualTo(3);
        BodyPart status = report.getBodyPart(1);
        assertThat(status.getContentType()).startsWith("message/delivery-status");
        String fields = new String(status.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(fields).contains("Reporting-MTA: dns; " + DeliveryFixture.HOSTNAME)
                .contains("Final-Recipient: rfc822; nobody@far.example")
                .contains("Action: failed")
                .contains("Status: 5.1.1")
                .contains("Remote-MTA: dns; 127.0.0.1")
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <nobody@far.example>: no such user")
                .doesNotContain("bob@far.example");
        assertThat(report.getBodyPart(2).getContentType()).startsWith("text/rfc822-headers");
        assertThat(new String(report.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Subject: bounce me");
        assertThat(new String(report.getBodyPart(0).getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                .contains("<nobody@far.example>: 550 5.1.1");
    }

    @Test
    void aBounceToARemoteSenderGoesOutThroughTheQueueWithTheNullSenderSignedByUs() throws IOException {
        fixture.route("elsewhere.example");
        fixture.smtp.nextDataReplies("554 5.7.1 rejected as spam");
        fixture.receive("carol@elsewhere.example", DeliveryFixture.message("carol@elsewhere.example", "spam",
                "hi\r\n"), "bob@far.example");
        fixture.deliverDue();

        assertThat(fixture.smtp.transactions()).singleElement().satisfies(bounce -> {
            assertThat(bounce.mailFrom()).isEmpty();
            assertThat(bounce.recipients()).containsExactly("carol@elsewhere.example");
            assertThat(bounce.text()).contains("Content-Type: multipart/report; report-type=delivery-status")
                    .contains("Diagnostic-Code: smtp; 554 5.7.1 rejected as spam");
            // Postroom wrote it, as MAILER-DAEMON@mail.example.com: signed by the domain above that name
            assertThat(bounce.text()).startsWith("DKIM-Signature:").contains("d=example.com");
        });
        assertThat(verifiesWithTheDomainsKey(fixture.smtp.transactions().get(0).data())).isTrue();
        assertThat(fixture.queue.summary().depth()).isZero();
    }

    @Test
    void mailFromTheNullSenderIsNeverBounced() {
        fixture.smtp.dataReply("550 5.1.1 no such user");
        fixture.send("", DeliveryFixture.message("MAILER-DAEMON@mail.example.com", "a bounce", "hi\r\n"),
                "bob@far.example");
        fixture.deliverDue();

        assertThat(fixture.smtp.mailCommands()).isEqualTo(1);
        assertThat(fixture.queue.summary().depth()).isZero();
        assertThat(fixture.queue.recentFailures(10)).singleElement()
                .satisfies(a -> assertThat(a.reply()).isEqualTo("550 5.1.1 no such user"));
        assertThat(fixture.inbox(DeliveryFixture.ALICE)).isEmpty();
    }

    @Test
    void theNullSenderGoesOutAsAnEmptyReversePath() {
        fixture.send("", DeliveryFixture.message("MAILER-DAEMON@mail.example.com", "a dsn", "hi\r\n"), "bob@far.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> assertThat(t.mailFrom()).isEmpty());
    }

    @Test
    void anEntryPastItsMaximumAgeFailsWithAnExpiryBounce() throws Exception {
        fixture.smtp.dataReply("451 4.3.0 still busy");
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "too old", "hi\r\n"),
                "bob@far.example");
        TestQueue.letTimePass(fixture.database, fixture.retries.maxAge());
        fixture.deliverDue();

        assertThat(fixture.queue.summary().depth()).isZero();
        String dsn = new String(fixture.inbox(DeliveryFixture.ALICE).get(0), StandardCharsets.UTF_8);
        assertThat(dsn).contains("Status: 5.4.7").contains("delivery time expired; last attempt: 451 4.3.0 still busy");
    }

    @Test
    void aDelayedWarningGoesToTheSenderOnceWhileTheEntryStaysQueued() throws Exception {
        fixture.smtp.dataReply("451 4.3.0 still busy");
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "slow", "hi\r\n"),
                "bob@far.example");
        TestQueue.letTimePass(fixture.database, fixture.delayWarning);
        fixture.deliverDue();
        fixture.queue.retryNow(fixture.queue.list(0, 1).get(0).id());
        fixture.deliverDue();

        assertThat(fixture.queue.list(0, 1)).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(2));
        List<byte[]> inbox = fixture.inbox(DeliveryFixture.ALICE);
        assertThat(inbox).hasSize(1);
        assertThat(new String(inbox.get(0), StandardCharsets.UTF_8)).contains("Subject: Delayed Mail")
                .contains("Action: delayed").contains("Will-Retry-Until:").contains("Status: 4.3.0");
    }

    @Test
    void theRelayHostTakesMailWithoutARoute() {
        // its login is RelayLoginTest's
        fixture.routes.clear();
        fixture.relay = new RelayHost(HostAndPort.parse(fixture.smtp.hostAndPort(), 25), TlsMode.OPPORTUNISTIC, "", "");
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "relayed", "hi\r\n"),
                "x@anywhere.example");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> assertThat(t.login()).isNull());
        assertThat(fixture.dns.questions()).isEmpty();
    }

    @Test
    void aRouteWinsOverTheRelayHost() throws IOException {
        try (TestSmtpServer relay = new TestSmtpServer()) {
            fixture.relay = new RelayHost(HostAndPort.parse(relay.hostAndPort(), 25), TlsMode.NONE, "", "");
            fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "routed", "hi\r\n"),
                    "x@far.example");
            fixture.deliverDue();
            assertThat(fixture.smtp.transactions()).hasSize(1);
            assertThat(relay.connections()).isZero();
        }
    }

    private boolean verifiesWithTheDomainsKey(byte[] message) throws IOException {
        return DkimCheck.verifies(message, fixture.domains.find("example.com").orElseThrow().dkimRecord().value());
    }

    /** The recipients counted with {@code outcome} in {@code postroom.delivery.attempts}. */
    private double attempts(String outcome) {
        return fixture.meters.get("postroom.delivery.attempts").tag("outcome", outcome).counter().count();
    }
}
