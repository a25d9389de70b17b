package org.postroom.server.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.listener.tls.TlsEngine;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.acme.AcmeChallenges;
import org.postroom.storage.acme.CertificateOrderLock;
import org.postroom.storage.acme.CertificateStore;
import org.postroom.storage.acme.RenewalState;
import org.postroom.storage.directory.DomainRepository;

/**
 * A CA that cannot be reached: the failure is recorded for the console with its reason, the next
 * attempt waits for the back-off, and the listeners keep the certificate they had. (Orders that
 * succeed: AcmePebbleIT.) An IT because it starts the test PostgreSQL, like CertificateNamesIT.
 */
class CertificateRenewalIT {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final TestDatabase database = TestDatabase.create();
    private final CertificateStore store = new CertificateStore(database.database());

    @TempDir
    Path tlsDirectory;

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aFailedOrderIsRecordedAndNotRepeatedBeforeTheBackOffHasPassed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ListenerTls tls = ListenerTls.installable(tlsDirectory, "mail.example.com", TlsEngine.JDK);
        try (TestDnsServer dns = new TestDnsServer()) {
            CertificateAuthority unreachable = new CertificateAuthority(
                    URI.create("https://127.0.0.1:" + closedPort + "/dir"), "", null, store,
                    new AcmeChallenges(database.database()), Clock.fixed(NOW, ZoneOffset.UTC));
            CertificateRenewal renewal = new CertificateRenewal(store, new CertificateOrderLock(database.dataSource()),
                    unreachable, new CertificateNames("mail.example.com",
                            new DomainRepository(database.database(), "postroom"), dns.dnsResolver()),
                    tls, Clock.fixed(NOW, ZoneOffset.UTC));

            renewal.check();
            RenewalState first = store.renewal().orElseThrow();
            assertThat(first.failures()).isEqualTo(1);
            assertThat(first.lastError()).as("the reason, with its cause").contains("Network error").contains("ConnectException");
            assertThat(first.retryAt()).isEqualTo(NOW.plus(CertificateRenewal.FIRST_BACK_OFF));

            renewal.check();
            assertThat(store.renewal()).as("no second attempt within the back-off").contains(first);
            assertThat(store.certificate()).isEmpty();
            assertThat(tls.currentCertificate().selfSigned()).isTrue();
        }
    }

    @Test
    void theBackOffDoublesUpToADay() {
        assertThat(CertificateRenewal.backOff(0)).isEqualTo(Duration.ofMinutes(5));
        assertThat(CertificateRenewal.backOff(1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(CertificateRenewal.backOff(4)).isEqualTo(Duration.ofMinutes(80));
        assertThat(CertificateRenewal.backOff(9)).isEqualTo(Duration.ofDays(1));
        assertThat(CertificateRenewal.backOff(1000)).isEqualTo(Duration.ofDays(1));
    }
}
