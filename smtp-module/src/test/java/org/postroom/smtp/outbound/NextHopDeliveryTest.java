package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.testing.TestSmtpServer;
import org.postroom.smtp.testing.TestSmtpServer.Tls;
import org.postroom.storage.queue.DeliveryAttempt;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;

/**
 * Next hops found in the test DNS server (MX hosts are reached at the test server's port, on
 * loopback addresses), and how TLS is used with them.
 */
class NextHopDeliveryTest {

    private final DeliveryFixture fixture = new DeliveryFixture();

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void whenThePreferredMxRefusesConnectionsTheNextOneGetsTheMail() throws IOException {
        // nothing listens on 127.0.0.2: the connection is refused
        fixture.dns.mx("far.example", 10, "mx1.far.example").mx("far.example", 20, "mx2.far.example")
                .a("mx1.far.example", "127.0.0.2").a("mx2.far.example", "127.0.0.1");
        long entry = queueOne("via-mx");
        fixture.deliverDue();

        assertThat(fixture.smtp.transactions()).hasSize(1);
        assertThat(fixture.queue.attempts(entry)).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(a.nextHop()).isEqualTo("mx2.far.example:" + fixture.smtp.port());
        });
    }

    @Test
    void aTemporaryGreetingRefusalMovesOnToTheNextMx() throws IOException {
        try (TestSmtpServer busy = new TestSmtpServer(InetAddress.getByName("127.0.0.3"), fixture.smtp.port())) {
            busy.greeting("421 4.3.2 too busy, try another");
            fixture.dns.mx("far.example", 10, "busy.far.example").mx("far.example", 20, "ok.far.example")
                    .a("busy.far.example", "127.0.0.3").a("ok.far.example", "127.0.0.1");
            queueOne("busy");
            fixture.deliverDue();
            assertThat(busy.connections()).isEqualTo(1);
            assertThat(fixture.smtp.transactions()).hasSize(1);
        }
    }

    @Test
    void noFurtherHostIsTriedOnceTheTimeForConnectingIsOver() throws IOException {
        fixture.dns.mx("far.example", 10, "mx1.far.example").mx("far.example", 20, "mx2.far.example")
                .a("mx1.far.example", "127.0.0.2").a("mx2.far.example", "127.0.0.1");
        long entry = queueOne("late");
        fixture.delivery().deliver(fixture.queue.claimNext("w", 100, Duration.ofMinutes(5)), Instant.now().minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(fixture.smtp.connections()).isZero();
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).startsWith("no connection to mx1.far.example");
    }

    @Test
    void aDomainWithoutMxIsDeliveredToItsAddress() throws IOException {
        fixture.dns.a("far.example", "127.0.0.1");
        queueOne("implicit");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).hasSize(1);
    }

    @Test
    void aNullMxDomainFailsAtOnceWithABounce() {
        fixture.dns.nullMx("far.example");
        long entry = queueOne("null-mx");
        fixture.deliverDue();

        assertThat(fixture.smtp.connections()).isZero();
        assertThat(fixture.queue.attempts(entry)).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.FAILED);
        assertThat(new String(fixture.inbox(DeliveryFixture.ALICE).get(0), StandardCharsets.UTF_8))
                .contains("Status: 5.1.10").contains("null MX").doesNotContain("Remote-MTA");
    }

    @Test
    void aDomainThatDoesNotExistFailsAtOnce() {
        long entry = queueOne("nxdomain");
        fixture.deliverDue();
        assertThat(fixture.queue.attempts(entry)).singleElement()
                .satisfies(a -> assertThat(a.reply()).isEqualTo("no such domain: far.example"));
        assertThat(new String(fixture.inbox(DeliveryFixture.ALICE).get(0), StandardCharsets.UTF_8))
                .contains("Status: 5.1.2");
    }

    @Test
    void aFailingDnsServerDefers() {
        fixture.dns.failing("far.example");
        queueOne("servfail");
        fixture.deliverDue();
        assertThat(fixture.queue.list(0, 1)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).startsWith("DNS lookup of MX for far.example failed"));
        assertThat(fixture.inbox(DeliveryFixture.ALICE)).isEmpty();
    }

    @Test
    void starttlsIsUsedWhenOfferedEvenWithASelfSignedCertificate() {
        fixture.route("far.example").smtp.tls(Tls.WORKING);
        queueOne("tls");
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> assertThat(t.tls()).isTrue());
    }

    @Test
    void aFailedHandshakeDefersWithoutPlainTextAndTheNextAttemptGoesWithoutTls() {
        fixture.route("far.example").smtp.tls(Tls.BROKEN);
        long entry = queueOne("broken-tls");
        fixture.deliverDue();

        assertThat(fixture.smtp.mailCommands()).isZero();
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).startsWith("TLS handshake with "
                + fixture.smtp.hostAndPort() + " failed");

        fixture.queue.retryNow(entry);
        fixture.deliverDue();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> assertThat(t.tls()).isFalse());
    }

    @Test
    void aRelayWhoseCertificateDoesNotVerifyGetsNothingInStarttlsMode() {
        fixture.smtp.tls(Tls.WORKING).offerAuth();
        fixture.relay = new RelayHost(HostAndPort.parse(fixture.smtp.hostAndPort(), 25), TlsMode.STARTTLS, "user",
                "secret");
        long entry = queueOne("verified");
        fixture.deliverDue();

        assertThat(fixture.smtp.mailCommands()).isZero();
        assertThat(fixture.smtp.transactions()).isEmpty();
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).startsWith("certificate of relay host "
                + fixture.smtp.hostAndPort() + " does not verify");
    }

    @Test
    void anImplicitTlsRelaySpeaksTlsFromTheFirstByte() {
        // the test server speaks plain SMTP, so a client that starts with a TLS hello gets nowhere
        fixture.relay = new RelayHost(HostAndPort.parse(fixture.smtp.hostAndPort(), 465), TlsMode.IMPLICIT, "", "");
        long entry = queueOne("implicit");
        fixture.deliverDue();

        assertThat(fixture.smtp.mailCommands()).isZero();
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).startsWith("TLS handshake");
    }

    private long queueOne(String subject) {
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, subject, "hi\r\n"),
                "bob@far.example");
        return fixture.queue.list(0, 1).get(0).id();
    }
}
