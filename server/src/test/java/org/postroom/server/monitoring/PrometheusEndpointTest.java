package org.postroom.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.server.RunningServer;
import org.postroom.server.SmtpClient;
import org.postroom.server.TrustedCertificate;
import org.postroom.server.wiring.ListenerLifecycle;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metrics at {@code /actuator/prometheus}, counted from real sessions with the running
 * application: an MX delivery, a forged own-domain sender refused on port 25, a failed SMTP AUTH, a failed and a good POP3 login, a failed web
 * login; scraped the way Prometheus does, with an administrator's HTTP Basic login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusEndpointTest {

    private static final String PASSWORD = "a long enough secret";
    private static final String SCRAPE_PASSWORD = "a long enough scrape secret";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RunningServer.configure(registry, () -> dataDir, "mx.metrics.example");
        registry.add("postroom.auth.failure-delay", () -> "0s");
        registry.add("postroom.admin.username", () -> "prometheus");
        registry.add("postroom.admin.password", () -> SCRAPE_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("smtpMxListener")
    ListenerLifecycle mx;

    @Autowired
    @Qualifier("smtpSubmissionsListener")
    ListenerLifecycle submissions;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Autowired
    DomainRepository domains;

    @Autowired
    UserRepository users;

    @Autowired
    AdminAccountRepository admins;

    @Test
    void sessionsMessagesLoginFailuresQueueAndConnectionsAreScraped() throws Exception {
        domains.create("metrics.example");
        users.create("erin@metrics.example", PASSWORD, null);

        try (SmtpClient smtp = SmtpClient.connect(mx.listener().port())) {
            smtp.reply();
            smtp.command("EHLO client.elsewhere.test");
            assertThat(smtp.command("MAIL FROM:<far@elsewhere.test>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<erin@metrics.example>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: counted\r\n\r\nhello\r\n.")).startsWith("250 2.0.0");
            // a forged sender in our own domain, refused and counted by its reason
            assertThat(smtp.command("MAIL FROM:<boss@metrics.example>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<erin@metrics.example>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: forged\r\n\r\npay\r\n.")).startsWith("550 5.7.1");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
        try (SmtpClient smtp = SmtpClient.connectTls(submissions.listener().port(),
                dataDir.resolve("tls/selfsigned-cert.pem"))) {
            smtp.reply();
            smtp.command("EHLO laptop.test");
            String plain = Base64.getEncoder().encodeToString("\0erin@metrics.example\0wrong".getBytes());
            assertThat(smtp.command("AUTH PLAIN " + plain)).startsWith("535 5.7.8");
            assertThat(smtp.command("QUIT")).startsWith("221");
        }
        POP3SClient pop3 = new POP3SClient(true, TrustedCertificate.generatedIn(dataDir));
        pop3.connect("127.0.0.1", pop3s.listener().port());
        assertThat(pop3.login("erin@metrics.example", "wrong")).isFalse();
        assertThat(pop3.login("erin@metrics.example", PASSWORD)).isTrue();
        assertThat(pop3.logout()).isTrue();
        pop3.disconnect();
        assertThat(scrapeAs("prometheus:wrong scrape secret").statusCode()).isEqualTo(401);

        String scrape = awaitScrape("postroom_pop3_sessions_total{listener=\"pop3s\",outcome=\"quit\"} 1.0");
        assertThat(scrape).contains(
                "postroom_smtp_sessions_total{listener=\"smtp-mx\",outcome=\"quit\"} 1.0",
                "postroom_smtp_sessions_total{listener=\"smtp-submissions\",outcome=\"quit\"} 1.0",
                "postroom_smtp_messages_received_total{listener=\"smtp-mx\"} 1.0",
                "postroom_smtp_refusals_total{listener=\"smtp-submissions\",reason=\"auth-failed\"} 1.0",
                "postroom_smtp_refusals_total{listener=\"smtp-mx\",reason=\"own-domain-spoofed\"} 1.0",
                "postroom_smtp_authentication_total{method=\"spf\",result=\"none\"} 2.0",
                "postroom_smtp_authentication_total{method=\"dmarc\",result=\"none\"} 1.0",
                "postroom_auth_failures_total{protocol=\"smtp\"} 1.0",
                "postroom_auth_failures_total{protocol=\"pop3\"} 1.0",
                "postroom_auth_failures_total{protocol=\"web\"} 1.0",
                "postroom_queue_depth_entries 0.0",
                "postroom_queue_oldest_age_seconds 0.0",
                "postroom_listener_connections{listener=\"pop3\"} 0.0",
                "postroom_delivery_attempts_total{outcome=\"delivered\"} 0.0",
                "postroom_delivery_latency_seconds_count 0",
                "postroom_smtp_command_seconds_count{command=\"data\"}");
        assertThat(scrape).containsPattern("postroom_listener_connections\\{listener=\"smtp-mx\"} 0\\.0");
    }

    /** Sessions are counted when their disconnect handlers ran, a moment after the client left. */
    @Test
    void aDomainAdministratorMayNotScrapeTheWholeServersMetrics() throws Exception {
        domains.create("scoped.metrics.example");
        admins.create("scoped", SCRAPE_PASSWORD, AdministratorScope.domainAdministrator(List.of("scoped.metrics.example")));

        assertThat(scrapeAs("scoped:" + SCRAPE_PASSWORD).statusCode()).isEqualTo(403);
    }

    private String awaitScrape(String expected) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> response = scrapeAs("prometheus:" + SCRAPE_PASSWORD);
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }, scrape -> scrape.contains(expected));
    }

    private HttpResponse<String> scrapeAs(String credentials) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                credentials.getBytes(StandardCharsets.UTF_8)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
