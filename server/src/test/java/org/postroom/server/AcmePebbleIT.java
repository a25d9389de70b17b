package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
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
 * presented by both processes' mail listeners; never two orders at once; and renewed 30 days
 * before it expires without a restart (Pebble issues certificates valid for 30 days and 100
 * seconds here).
 */
@ExtendWith(PebbleAvailable.class)
class AcmePebbleIT {

    private static final String HOSTNAME = "mail.acme.test";
    private static final String ADMIN_PASSWORD = "acme admin Secret 1";
    private static final Duration VALIDITY = Duration.ofDays(30).plusSeconds(100);
    private static final Pattern ORDER_EVENT = Pattern.compile(
            "(?m)^(\\S+) .*acme: (ordering a certificate|certificate for .* issued)");

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
                        "POSTROOM_ACME_EMAIL", "postmaster@example.test", "POSTROOM_ACME_CHECK_INTERVAL", "1s",
                        "POSTROOM_ADMIN_PASSWORD", ADMIN_PASSWORD));
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

        // ordered, and presented by both: a TLS client trusting only Pebble's root accepts the chain
        X509Certificate first = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> presented(one, trustingPebble), certificate -> true);
        assertThat(first.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactlyInAnyOrder((Object) HOSTNAME, "autoconfig.example.test");
        awaitBothPresentTheSame(one, other, trustingPebble);

        // the console's HTTPS presents it too, with HSTS now that a CA issued it, and shows it with no error
        String settings = RawHttps.send(trustingPebble, other.httpsPort(), "GET /api/v1/settings HTTP/1.1\r\nHost: "
                + HOSTNAME + "\r\nAuthorization: Basic " + Base64.getEncoder().encodeToString(("admin:"
                        + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)) + "\r\nConnection: close\r\n\r\n");
        assertThat(settings).startsWith("HTTP/1.1 200").containsIgnoringCase("Strict-Transport-Security: max-age=")
                .containsPattern("\"names\":\\[[^]]*\"" + HOSTNAME + "\"").containsPattern(
                        "\"names\":\\[[^]]*\"autoconfig.example.test\"")
                .contains("\"directory\":\"" + pebble.directoryUrl() + "\"").contains("\"lastError\":null");

        // 100 seconds after issue it expires within 30 days: renewed, and both present the new one
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> presented(one, trustingPebble), certificate -> !certificate.getSerialNumber()
                        .equals(first.getSerialNumber()));
        awaitBothPresentTheSame(one, other, trustingPebble);

        // one process orders at a time: no two orders overlap, and every order ended with a certificate
        List<Order> orders = new ArrayList<>(orders(one));
        orders.addAll(orders(other));
        orders.sort(Comparator.comparing(Order::started));
        assertThat(orders).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < orders.size(); i++) {
            assertThat(orders.get(i).started()).as("order %d starts after order %d ended", i, i - 1)
                    .isAfter(orders.get(i - 1).ended());
        }
        assertThat(one.log() + other.log()).doesNotContain("failed (");
    }

    /** Several processes may renew in turn meanwhile: both must end up presenting one certificate. */
    private static void awaitBothPresentTheSame(PostroomProcess one, PostroomProcess other, SSLContext trust) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .untilAsserted(() -> assertThat(presented(other, trust).getSerialNumber())
                        .isEqualTo(presented(one, trust).getSerialNumber()));
    }

    /** An order as a process logged it: from "ordering" to "issued"; an unfinished one ends never. */
    private record Order(Instant started, Instant ended) {
    }

    private static List<Order> orders(PostroomProcess process) {
        List<Order> orders = new ArrayList<>();
        Instant started = null;
        Matcher matcher = ORDER_EVENT.matcher(process.log());
        while (matcher.find()) {
            Instant at = Instant.parse(matcher.group(1));
            if (matcher.group(2).startsWith("ordering")) {
                started = at;
            } else if (started != null) {
                orders.add(new Order(started, at));
                started = null;
            }
        }
        if (started != null) {
            orders.add(new Order(started, Instant.MAX));
        }
        return orders;
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

}
