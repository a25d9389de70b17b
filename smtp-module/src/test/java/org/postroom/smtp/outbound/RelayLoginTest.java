package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.testing.TestCertificateAuthority;
import org.postroom.smtp.testing.TestSmtpServer.Command;
import org.postroom.smtp.testing.TestSmtpServer.Tls;
import org.postroom.storage.queue.DeliveryAttempt;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.testing.LogCapture;

/**
 * A relay host that logs in gets TLS with a verified certificate or nothing: no STARTTLS, a
 * certificate that does not chain to a trusted CA or is for another name, a failed handshake; each
 * defers the mail with a diagnostic, and the relay never reads an AUTH line. The relay is set up as
 * an operator's default leaves it (opportunistic TLS) plus a trust file with the company's CA.
 * Every check reads what the test relay received on its socket.
 */
class RelayLoginTest {

    private static final TestCertificateAuthority COMPANY_CA = TestCertificateAuthority.create("Example Company CA");

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path directory;

    private final DeliveryFixture fixture = new DeliveryFixture();
    private Path trustFile;

    @BeforeEach
    void trustTheCompanyCa() {
        trustFile = COMPANY_CA.writePem(directory.resolve("company-ca.pem"));
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void aRelayThatOffersNoStarttlsGetsNeitherTheCredentialsNorTheMessage() throws IOException {
        fixture.smtp.offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.OPPORTUNISTIC);

        assertHeldBack(entry, "relay host " + relay() + " offers no STARTTLS; credentials not sent");
    }

    @Test
    void aSelfSignedCertificateThatIsNotInTheTrustFileGetsNoCredentials() throws IOException {
        // the test relay's own self-signed certificate, which no trust store knows
        fixture.smtp.tls(Tls.WORKING).offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.OPPORTUNISTIC);

        assertHeldBack(entry, "certificate of relay host " + relay() + " does not verify: ");
        assertThat(lastError(entry)).contains("certification path").endsWith("; credentials not sent");
    }

    @Test
    void aCertificateOfTheCompanyCaInTheTrustFileCarriesTheLoginAndTheMessageOverTls() throws IOException {
        fixture.smtp.tls(Tls.WORKING).certificate(COMPANY_CA.serverContext("localhost")).offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.OPPORTUNISTIC);

        assertDeliveredAfterALoginOverTls(entry);
        // connected to by name, the name the certificate was checked against
        assertThat(fixture.dns.questions()).isEmpty();
    }

    @Test
    void aTrustedCertificateForAnotherHostNameGetsNoCredentials() throws IOException {
        fixture.smtp.tls(Tls.WORKING).certificate(COMPANY_CA.serverContext("relay.elsewhere.example")).offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.OPPORTUNISTIC);

        assertHeldBack(entry, "certificate of relay host " + relay() + " does not verify: ");
        assertThat(lastError(entry)).contains("name matching localhost");
    }

    @Test
    void aFailedHandshakeIsNeverFollowedByALoginInPlainText() throws IOException {
        // what opportunistic TLS does for MX hosts: the next attempt goes without STARTTLS
        fixture.smtp.tls(Tls.BROKEN).offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.OPPORTUNISTIC);
        fixture.queue.retryNow(entry);
        fixture.deliverDue();

        assertThat(fixture.smtp.commands()).extracting(Command::line).filteredOn("STARTTLS"::equals).hasSize(2);
        assertHeldBack(entry, "TLS handshake with relay host " + relay() + " failed: ");
        assertThat(lastError(entry)).endsWith("; credentials not sent");
    }

    @Test
    void anImplicitTlsRelayWithATrustedCertificateCarriesTheLogin() throws IOException {
        fixture.smtp.tls(Tls.IMPLICIT).certificate(COMPANY_CA.serverContext("localhost")).offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.IMPLICIT);

        assertThat(fixture.smtp.commands()).isNotEmpty().allSatisfy(c -> assertThat(c.tls()).isTrue());
        assertDeliveredAfterALoginOverTls(entry);
    }

    @Test
    void aRefusedLoginDefersTheMailInsteadOfBouncingIt() throws IOException {
        fixture.smtp.tls(Tls.WORKING).certificate(COMPANY_CA.serverContext("localhost")).refuseLogins();
        long entry = deliverThroughTheRelay(TlsMode.STARTTLS);

        assertThat(fixture.smtp.commands()).filteredOn(c -> c.line().startsWith("AUTH")).singleElement()
                .satisfies(auth -> assertThat(auth.tls()).isTrue());
        assertDeferredWith(entry, "login at " + relay() + " failed");
    }

    @Test
    void mailHeldBackForARelayWithoutStarttlsBouncesWhenItExpires() throws IOException {
        fixture.retries = new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofMillis(1));
        fixture.smtp.offerAuth();
        long entry = deliverThroughTheRelay(TlsMode.OPPORTUNISTIC);

        assertNoLoginReachedTheRelay();
        assertThat(fixture.queue.attempts(entry)).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.FAILED);
        assertThat(new String(fixture.inbox(DeliveryFixture.ALICE).get(0), StandardCharsets.UTF_8))
                .contains("Status: 5.7.10").contains("offers no STARTTLS; credentials not sent");
    }

    @Test
    void opportunisticTlsMeansVerifiedTlsForARelayThatLogsIn() {
        assertThat(new RelayHost(new HostAndPort("relay.example", 587), TlsMode.OPPORTUNISTIC, "u", "p").tls())
                .isEqualTo(TlsMode.STARTTLS);
        assertThat(new RelayHost(new HostAndPort("relay.example", 465), TlsMode.OPPORTUNISTIC, "u", "p").tls())
                .isEqualTo(TlsMode.IMPLICIT);
        // without a login, opportunistic TLS is what it says
        assertThat(new RelayHost(new HostAndPort("relay.example", 25), TlsMode.OPPORTUNISTIC, "", "").tls())
                .isEqualTo(TlsMode.OPPORTUNISTIC);
    }

    @Test
    void aRelayThatLogsInWithoutTlsCannotBeMade() {
        assertThatThrownBy(() -> new RelayHost(new HostAndPort("relay.example", 25), TlsMode.NONE, "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs TLS");
    }

    /** The relay host with a login, {@code tls} as configured; one message queued for it and one attempt made. */
    private long deliverThroughTheRelay(TlsMode tls) throws IOException {
        fixture.loginRelay(tls, trustFile);
        fixture.send(DeliveryFixture.ALICE, DeliveryFixture.message(DeliveryFixture.ALICE, "relayed", "hi\r\n"),
                "bob@far.example");
        long entry = fixture.queue.list(0, 1).get(0).id();
        fixture.deliverDue();
        return entry;
    }

    private void assertDeliveredAfterALoginOverTls(long entry) {
        assertThat(fixture.smtp.commands()).filteredOn(c -> c.line().startsWith("AUTH")).singleElement()
                .satisfies(auth -> assertThat(auth.tls()).isTrue());
        assertThat(fixture.smtp.transactions()).singleElement().satisfies(t -> {
            assertThat(t.tls()).isTrue();
            assertThat(t.login()).isEqualTo(DeliveryFixture.RELAY_USER + ":" + DeliveryFixture.RELAY_PASSWORD);
        });
        assertThat(fixture.queue.find(entry)).isEmpty();
        assertThat(fixture.queue.attempts(entry)).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.DELIVERED);
    }

    /** Neither login nor message reached the relay, and the entry waits with {@code diagnostic}. */
    private void assertHeldBack(long entry, String diagnostic) {
        assertNoLoginReachedTheRelay();
        assertThat(fixture.smtp.mailCommands()).isZero();
        assertDeferredWith(entry, diagnostic);
    }

    /** No AUTH line and no password in any command the relay read, in plain text or inside TLS, and no message. */
    private void assertNoLoginReachedTheRelay() {
        assertThat(fixture.smtp.commands()).extracting(Command::line).isNotEmpty()
                .noneMatch(line -> line.regionMatches(true, 0, "AUTH", 0, 4))
                .noneMatch(line -> line.contains(DeliveryFixture.RELAY_PASSWORD));
        assertThat(fixture.smtp.transactions()).isEmpty();
    }

    /** The entry waits for a retry, and its queue row and its delivery log line carry {@code diagnostic}. */
    private void assertDeferredWith(long entry, String diagnostic) {
        QueueEntry queued = fixture.queue.find(entry).orElseThrow();
        assertThat(queued.state()).isEqualTo("queued");
        assertThat(queued.lastError()).startsWith(diagnostic);
        assertThat(fixture.inbox(DeliveryFixture.ALICE)).isEmpty();
        assertThat(log.messages(OutcomeRecorder.class.getName()))
                .anySatisfy(line -> assertThat(line).contains("deferred until").contains(diagnostic))
                .noneSatisfy(line -> assertThat(line).contains(DeliveryFixture.RELAY_PASSWORD));
    }

    private String lastError(long entry) {
        return fixture.queue.find(entry).orElseThrow().lastError();
    }

    private String relay() {
        return "localhost:" + fixture.smtp.port();
    }
}
