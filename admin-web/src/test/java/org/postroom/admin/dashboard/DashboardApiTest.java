package org.postroom.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.FixedServerSettings;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The dashboard's figures and the settings over the API. (A database of its own, so that the
 * counts are exactly what this test made.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.database=dashboard")
class DashboardApiTest {

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AliasRepository aliases;
    @Autowired
    MailStore store;
    @Autowired
    DeliveryQueue queue;

    @Test
    void theFiguresCountTheDirectoryTheStoreTheQueueAndTodaysTraffic() throws IOException {
        domains.create("stats.example");
        users.create("alice@stats.example", "correct horse battery", null);
        aliases.create("info@stats.example", List.of("alice@stats.example"));
        send("one@far.example");
        send("two@far.example");
        send("three@far.example");
        queue.complete(queue.claimNext("test", 10, Duration.ofMinutes(1)).get(0), "mx.far.example", "250 ok");
        queue.fail(queue.claimNext("test", 10, Duration.ofMinutes(1)).get(0), "mx.far.example", "550 5.1.1 no such user");

        JsonNode figures = json(WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/stats"));

        assertThat(figures.get("domains").asLong()).isEqualTo(1);
        assertThat(figures.get("users").asLong()).isEqualTo(1);
        assertThat(figures.get("aliases").asLong()).isEqualTo(1);
        assertThat(figures.get("storedMessages").asLong()).isEqualTo(1);
        assertThat(figures.get("queueDepth").asLong()).isEqualTo(1);
        assertThat(figures.get("oldestQueuedAt").asString()).isNotBlank();
        assertThat(figures.get("receivedToday").asLong()).isEqualTo(3);
        assertThat(figures.get("deliveredToday").asLong()).isEqualTo(1);
        assertThat(figures.get("failedToday").asLong()).isEqualTo(1);
        assertThat(figures.get("lastDay")).hasSize(24);
        assertThat(figures.get("lastDay").get(23).get("received").asLong()).isEqualTo(3);
        assertThat(figures.get("recentFailures").get(0).get("reply").asString()).isEqualTo("550 5.1.1 no such user");
    }

    @Test
    void theSettingsShowHostPortsAndCertificate() {
        JsonNode settings = json(WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/settings"));

        assertThat(settings.get("hostname").asString()).isEqualTo(AdminTestApplication.HOSTNAME);
        assertThat(settings.get("listeners").findValuesAsString("port")).isNotNull();
        assertThat(settings.get("listeners").valueStream().map(l -> l.get("port").asInt()))
                .containsExactly(25, 587, 465, 110, 995);
        assertThat(settings.get("certificate").get("subject").asString()).isEqualTo("CN=" + AdminTestApplication.HOSTNAME);
        assertThat(settings.get("certificate").get("names").valueStream().map(JsonNode::asString))
                .containsExactly(AdminTestApplication.HOSTNAME, "autoconfig.example.com");
        assertThat(settings.get("renewal").get("lastError").asString()).isEqualTo(FixedServerSettings.ACME_ERROR);
        assertThat(settings.get("renewal").get("failures").asInt()).isEqualTo(2);
        assertThat(settings.get("spool").get("minFreeBytes").asLong()).isEqualTo(FixedServerSettings.SPOOL_MIN_FREE);
        assertThat(settings.get("spool").get("full").asBoolean()).isFalse();
    }

    private void send(String recipient) throws IOException {
        store.deliver("alice@stats.example", MessageOrigin.SUBMITTED, List.of(Recipient.remote(recipient)),
                new ByteArrayInputStream("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)));
    }
}
