package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The built-in ACME client end to end against a real Pebble on loopback: two Postroom processes on
 * one database, one of them ordering at a time; the CA's HTTP-01 request answered by the process
 * on the port Pebble validates (whichever process ordered); the certificate, for the host name and
 * the domain's autoconfig name that resolves here but not the autodiscover name that does not,
 * presented by both processes' mail listeners; and renewed 30 days before it expires without a
 * restart (Pebble issues certificates valid for 30 days and 100 seconds here: long enough for the
 * second process to start).
 */
@ExtendWith(PebbleAvailable.class)
class AcmePebbleIT {

    private static final String HOSTNAME = "mail.acme.test";
    private static final Duration VALIDITY = Duration.ofDays(30).plusSeconds(100);
    private static final Pattern ORDERING = Pattern.compile("acme: ordering a certificate");

    @Test
    void twoProcessesShareOneCertificateThatOneOfThemOrdersAndRenews(@TempDir Path workDir) throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            dns.a(HOSTNAME, "127.0.0.1").a("autoconfig.example.test", "127.0.0.1")
                    .a("autodiscover.example.test", "192.0.2.1");
            String database = TestDatabase.createUrl();
            addDomain(database, "example.test");
            int validationPort = PebbleServer.freePort();
            Path pebbleDir = Files.createDirectories(workDir.resolve("pebble"));
            try (PebbleServer pebble = new PebbleServer(pebbleDir, dns.address(), validationPort, VALIDITY)) {
                Map<String, String> environment = new HashMap<>(Map.of("POSTROOM_HOSTNAME", HOSTNAME,
                        "SPRING_DATASOURCE_URL", database, "SPRING_DATASOURCE_USERNAME", "postgres",
                        "POSTROOM_DNS_SERVERS", "127.0.0.1:" + dns.address().getPort(),
                        "POSTROOM_ACME_ENABLED", "true", "POSTROOM_ACME_DIRECTORY", pebble.directoryUrl().toString(),
                        "POSTROOM_ACME_TRUST_FILE", pebble.trustFile().toString(),
                        "POSTROOM_ACME_EMAIL", "postmaster@example.test", "POSTROOM_ACME_CHECK_INTERVAL", "1s"));
                Map<String, String> validated = new HashMap<>(environment);
                validated.put("POSTROOM_ACME_HTTP_PORT", Integer.toString(validationPort));
                // the other process's challenge port is one Pebble never asks
                Map<String, String> elsewhere = new HashMap<>(environment);
                elsewhere.put("POSTROOM_ACME_HTTP_PORT", Integer.toString(PebbleServer.freePort()));
                try (PostroomProcess one = new PostroomProcess(Files.createDirectories(workDir.resolve("one")), validated);
                        PostroomProcess other = new PostroomProcess(Files.createDirectories(workDir.resolve("other")),
                                elsewhere)) {
                    one.start();
                    other.start();
                    try {
                        ordersAndRenews(pebble, one, other);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(e.getMessage() + "\n--- first process:\n" + one.log()
                                + "\n--- second process:\n" + other.log() + "\n--- pebble:\n" + pebble.log(), e);
                    }
                }
            }
        }
    }

    private static void ordersAndRenews(PebbleServer pebble, PostroomProcess one, PostroomProcess other)
            throws Exception {
        SSLContext trustingPebble = PebbleServer.trusting(pebble.issuingRoot());

        // ordered once, presented by both: a TLS client trusting only Pebble's root accepts the chain
        X509Certificate first = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> presented(one, trustingPebble), certificate -> true);
        assertThat(first.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactlyInAnyOrder((Object) HOSTNAME, "autoconfig.example.test");
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> assertThat(
                presented(other, trustingPebble).getSerialNumber()).isEqualTo(first.getSerialNumber()));
        assertThat(orders(one, other)).as("orders of both processes").isEqualTo(1);

        // 100 seconds after issue it expires within 30 days: renewed, and both present the new one
        X509Certificate renewed = await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> presented(one, trustingPebble),
                        certificate -> !certificate.getSerialNumber().equals(first.getSerialNumber()));
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> assertThat(
                presented(other, trustingPebble).getSerialNumber()).isEqualTo(renewed.getSerialNumber()));
        assertThat(orders(one, other)).isGreaterThanOrEqualTo(2);
        assertThat(one.log() + other.log()).doesNotContain("ordering a certificate for [" + HOSTNAME
                + ", autoconfig.example.test] failed");
    }

    private static void addDomain(String url, String name) {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername("postgres");
            new DomainRepository(new Database(dataSource), "postroom").create(name);
        }
    }

    /** The leaf the process's implicit-TLS submission port presents to a client trusting {@code trust}. */
    private static X509Certificate presented(PostroomProcess postroom, SSLContext trust) throws Exception {
        try (SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                postroom.port("SMTPS"))) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static int orders(PostroomProcess... processes) {
        int orders = 0;
        for (PostroomProcess process : processes) {
            Matcher matcher = ORDERING.matcher(process.log());
            while (matcher.find()) {
                orders++;
            }
        }
        return orders;
    }
}
