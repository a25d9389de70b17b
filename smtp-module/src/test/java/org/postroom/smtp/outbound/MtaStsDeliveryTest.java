package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.outbound.mtasts.MtaStsPolicies;
import org.postroom.smtp.testing.TestCertificateAuthority;
import org.postroom.smtp.testing.TestClock;
import org.postroom.smtp.testing.TestSmtpServer.Command;
import org.postroom.smtp.testing.TestSmtpServer.Tls;
import org.postroom.storage.queue.DeliveryAttempt;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.testing.LogCapture;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * MTA-STS on the sending side (RFC 8461), all on loopback: far.example publishes its
 * {@code _mta-sts} record and MX on the test DNS server, its policy file on an HTTPS server of the
 * test with a certificate of a test CA, and its MX host mx.far.example is the test SMTP server
 * with STARTTLS and a certificate of the same CA. Delivery trusts that CA through a PEM trust
 * file, as an operator's {@code postroom.delivery.mta-sts.trust-file} makes it.
 */
class MtaStsDeliveryTest {

    private static final TestCertificateAuthority WEB_PKI = TestCertificateAuthority.create("Test Web PKI");
    private static final String DOMAIN = "far.example";
    private static final String MX = "mx.far.example";

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path directory;

    private final DeliveryFixture fixture = new DeliveryFixture();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String policy;
    private volatile int policyStatus = 200;
    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));
    private HttpsServer https;

    @BeforeEach
    void publishFarExample() throws IOException {
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(WEB_PKI.serverContext("mta-sts." + DOMAIN)));
        https.createContext("/.well-known/mta-sts.txt", exchange -> {
            fetches.incrementAndGet();
            byte[] body = policy.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(policyStatus, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        https.start();
        fixture.dns.mx(DOMAIN, 10, MX).a(MX, "127.0.0.1").a("mta-sts." + DOMAIN, "127.0.0.1");
        fixture.dns.changingTxt("_mta-sts." + DOMAIN, "v=STSv1; id=20261206a;");
        fixture.smtp.tls(Tls.WORKING).certificate(WEB_PKI.serverContext(MX));
        CertificateTrust trust = CertificateTrust.jdkAnd(WEB_PKI.writePem(directory.resolve("web-pki.pem")));
        DnsLookup lookup = new DnsLookup(fixture.dns.dnsResolver(), fixture.smtp.port());
        fixture.mtaSts = new MtaStsHops(new MtaStsPolicies(fixture.dns.dnsResolver(), lookup::addresses,
                trust.context(), https.getAddress().getPort(), Duration.ofSeconds(5), clock, Runnable::run),
                trust);
    }

    @AfterEach
    void close() throws IOException {
        https.stop(0);
        fixture.close();
    }

    @Test
    void enforceWithAMatchingMxAndAValidCertificateDeliversOverTls() {
        policy = policy("enforce", "mx: *.far.example");
        long entry = sendOne();

        assertDeliveredOverTls(entry);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void enforceWithAnMxThePolicyDoesNotNameDefersWithoutConnectingThenBouncesSayingWhy() {
        policy = policy("enforce", "mx: mx.elsewhere.example", "mx: *.mx.far.example");
        long entry = sendOne();

        QueueEntry queued = fixture.queue.find(entry).orElseThrow();
        assertThat(queued.state()).isEqualTo("queued");
        assertThat(queued.lastError()).startsWith("MTA-STS policy of far.example (mode enforce")
                .contains("allows none of its MX hosts [" + MX + "]");
        assertThat(fixture.smtp.connections()).isZero();
        assertThat(fixture.queue.attempts(entry)).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.DEFERRED);

        // the retry period ends at the next attempt
        fixture.retries = new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofMillis(1));
        fixture.restart();
        fixture.queue.retryNow(entry);
        fixture.deliverDue();

        assertThat(fixture.queue.find(entry)).isEmpty();
        assertThat(fixture.smtp.connections()).isZero();
        assertThat(new String(fixture.inbox(DeliveryFixture.ALICE).get(0), StandardCharsets.UTF_8))
                .contains("Status: 5.7.0").contains("MTA-STS policy of far.example (mode enforce");
    }

    @Test
    void enforceWithACertificateForAnotherNameDefersAndSendsNothing() {
        fixture.smtp.certificate(WEB_PKI.serverContext("mx.other.example"));
        policy = policy("enforce", "mx: " + MX);
        long entry = sendOne();

        QueueEntry queued = fixture.queue.find(entry).orElseThrow();
        assertThat(queued.lastError()).startsWith("certificate of MX host " + MX + ":" + fixture.smtp.port()
                + " (MTA-STS policy: enforce) does not verify: ");
        assertThat(fixture.smtp.mailCommands()).isZero();
        assertThat(fixture.smtp.transactions()).isEmpty();
    }

    @Test
    void enforceNeverFallsBackToPlainTextAfterAFailedHandshake() {
        fixture.smtp.tls(Tls.BROKEN);
        policy = policy("enforce", "mx: " + MX);
        long entry = sendOne();
        fixture.queue.retryNow(entry);
        fixture.deliverDue();

        assertThat(fixture.smtp.commands()).extracting(Command::line).filteredOn("STARTTLS"::equals).hasSize(2);
        assertThat(fixture.smtp.mailCommands()).isZero();
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).contains("(MTA-STS policy: enforce)");
    }

    @Test
    void testingDeliversAsBeforeAndLogsWhatWouldHaveFailed() {
        // the MX's certificate would not do either: testing mode takes it, as opportunistic TLS does
        fixture.smtp.certificate(WEB_PKI.serverContext("mx.other.example"));
        policy = policy("testing", "mx: mx.elsewhere.example");
        long entry = sendOne();

        assertThat(fixture.queue.find(entry)).isEmpty();
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> assertThat(t.tls()).isTrue());
        assertThat(log.messages(OutboundDelivery.class.getName())).singleElement().satisfies(line -> assertThat(line)
                .contains("mta-sts testing queue-entries=" + entry).contains("domain=far.example")
                .contains("MX host " + MX + " does not match the MTA-STS policy of far.example"));
    }

    @Test
    void modeNoneAndNoPolicyDeliverAsBefore() {
        policy = "version: STSv1\nmode: none\nmax_age: 86400\n";
        fixture.smtp.tls(Tls.NONE);
        long entry = sendOne();
        assertThat(fixture.queue.find(entry)).isEmpty();

        fixture.dns.changingTxt("_mta-sts." + DOMAIN, "v=spf1 -all");
        long second = sendOne();
        assertThat(fixture.queue.find(second)).isEmpty();
        assertThat(fixture.smtp.transactions()).hasSize(2).allSatisfy(t -> assertThat(t.tls()).isFalse());
    }

    @Test
    void theKeptPolicyServesUntilTheRecordsIdChanges() {
        policy = policy("enforce", "mx: " + MX);
        sendOne();
        sendOne();
        assertThat(fetches).hasValue(1);

        fixture.dns.changingTxt("_mta-sts." + DOMAIN, "v=STSv1; id=20261206b;");
        policy = policy("enforce", "mx: mx.elsewhere.example");
        long third = sendOne();

        assertThat(fetches).hasValue(2);
        assertThat(fixture.queue.find(third).orElseThrow().lastError()).contains("allows none of its MX hosts");
        assertThat(fixture.smtp.transactions()).hasSize(2);
    }

    @Test
    void aFailedFetchKeepsEnforcingTheKeptPolicy() {
        policy = policy("enforce", "mx: " + MX);
        assertDeliveredOverTls(sendOne());

        // a new id, but the policy server fails, and the MX stops offering STARTTLS (an attacker's picture)
        fixture.dns.changingTxt("_mta-sts." + DOMAIN, "v=STSv1; id=20261206c;");
        policyStatus = 500;
        fixture.smtp.tls(Tls.NONE);
        long entry = sendOne();

        assertThat(fetches).hasValue(2);
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).isEqualTo("MX host " + MX + ":"
                + fixture.smtp.port() + " (MTA-STS policy: enforce) offers no STARTTLS; message not sent");
        assertThat(fixture.smtp.transactions()).hasSize(1);
        assertThat(log.messages(MtaStsPolicies.class.getName())).anySatisfy(line -> assertThat(line)
                .contains("mta-sts policy of far.example not fetched (id=20261206c)").contains("500")
                .contains("the kept policy id=20261206a stays"));
    }

    @Test
    void halfWayToItsMaxAgeThePolicyIsFetchedAgainAndAFailedRefreshKeepsIt() {
        policy = policy("enforce", "mx: " + MX);
        sendOne();
        clock.advance(Duration.ofDays(3));
        sendOne();
        assertThat(fetches).as("before half of max_age").hasValue(1);

        // half of the week has passed: refreshed (in the background, run at once here), same id
        clock.advance(Duration.ofDays(1));
        policy = policy("enforce", "mx: " + MX, "mx: mx2.far.example");
        sendOne();
        assertThat(fetches).hasValue(2);
        assertThat(log.messages(MtaStsPolicies.class.getName())).last().asString()
                .contains("id=20261206a").contains("mx=[" + MX + ", mx2.far.example]");

        // half way again, the refresh fails: the policy in force stays, and still enforces
        clock.advance(Duration.ofDays(4));
        policyStatus = 404;
        fixture.smtp.tls(Tls.NONE);
        long entry = sendOne();
        assertThat(fetches).hasValue(3);
        assertThat(fixture.queue.find(entry).orElseThrow().lastError()).contains("(MTA-STS policy: enforce) offers no STARTTLS");
    }

    @Test
    void anExpiredPolicyWhoseRecordIsGoneNoLongerApplies() {
        policy = policy("enforce", "mx: " + MX);
        sendOne();
        fixture.dns.changingTxt("_mta-sts." + DOMAIN, "v=spf1 -all");
        fixture.smtp.tls(Tls.NONE);

        // the record is gone, the kept policy holds until its max_age
        long held = sendOne();
        assertThat(fixture.queue.find(held).orElseThrow().lastError()).contains("MTA-STS");

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        long entry = sendOne();
        assertThat(fixture.queue.find(entry)).isEmpty();
        assertThat(fixture.smtp.transactions()).last().satisfies(t -> assertThat(t.tls()).isFalse());
    }

    @Test
    void aPolicyThatIsNotPlainTextIsNoPolicy() {
        policy = "<html>version: STSv1</html>";
        fixture.smtp.tls(Tls.NONE);
        long entry = sendOne();

        assertThat(fixture.queue.find(entry)).isEmpty();
        assertThat(log.messages(MtaStsPolicies.class.getName())).anySatisfy(line -> assertThat(line)
                .contains("not fetched").contains("no policy in force"));
    }

    private static String policy(String mode, String... mx) {
        return "version: STSv1\r\nmode: " + mode + "\r\n" + String.join("\r\n", mx) + "\r\nmax_age: 604800\r\n";
    }

    /** One message from alice to bob@far.example, one attempt; the queue entry's id. */
    private long sendOne() {
        long message = fixture.send(DeliveryFixture.ALICE,
                DeliveryFixture.message(DeliveryFixture.ALICE, "policy", "hi\r\n"), "bob@" + DOMAIN);
        long entry = fixture.queue.list(0, 100).stream().filter(e -> e.messageId() == message).findFirst()
                .orElseThrow().id();
        fixture.deliverDue();
        return entry;
    }

    private void assertDeliveredOverTls(long entry) {
        assertThat(fixture.queue.find(entry)).isEmpty();
        assertThat(fixture.queue.attempts(entry)).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.DELIVERED);
        assertThat(fixture.smtp.transactions()).last().satisfies(t -> assertThat(t.tls()).isTrue());
    }
}
