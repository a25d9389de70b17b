package org.postroom.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** /api/v1/quarantine over real HTTP against the running application and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuarantineApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String MESSAGE = """
            From: =?UTF-8?Q?Gr=C3=BC=C3=9Fe_vom_CEO?= <ceo@bank.example>\r
            Subject: =?UTF-8?B?w5xiZXJ3ZWlzdW5n?= now\r
            Date: Mon, 1 Dec 2025 09:00:00 +0000\r
            \r
            <html><body><script>alert(1)</script>Pay now.</body></html>\r
            """;

    @LocalServerPort
    int port;
    @Autowired
    Quarantine quarantine;
    @Autowired
    Database db;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    MailStore store;
    @Autowired
    DeliveryQueue queue;

    private WebVisitor admin;
    private String alice;

    @BeforeEach
    void logIn() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        String domain = "quarantine" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "correct horse battery", null);
    }

    @Test
    void heldMessagesAreListedWithSubjectSenderRecipientsReasonAndVerdicts() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);

        JsonNode listing = json(admin.get("/api/v1/quarantine?size=500"));

        JsonNode message = item(listing, id);
        assertThat(message.get("subject").asString()).isEqualTo("Überweisung now");
        assertThat(message.get("from").asString()).isEqualTo("Grüße vom CEO <ceo@bank.example>");
        assertThat(message.get("sender").asString()).isEqualTo(DmarcHold.SENDER);
        assertThat(message.get("recipients").get(0).asString()).isEqualTo(alice);
        assertThat(message.get("reason").asString()).isEqualTo("dmarc");
        assertThat(message.get("held").asBoolean()).isTrue();
        assertThat(message.get("checks").get(2).get("check").asString()).isEqualTo("dmarc");
        assertThat(message.get("checks").get(2).get("result").asString()).isEqualTo("fail");
        assertThat(message.get("checks").get(2).get("detail").asString()).isEqualTo("header.from=bank.example p=quarantine");
        assertThat(listing.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(admin.get("/api/v1/quarantine?page=-1").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/v1/quarantine?size=501").statusCode()).isEqualTo(400);
    }

    @Test
    void oneMessageShowsItsHeaderAndBodyAsReceived() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);

        JsonNode detail = json(admin.get("/api/v1/quarantine/" + id));

        assertThat(detail.get("message").get("id").asLong()).isEqualTo(id);
        assertThat(detail.get("header").asString()).startsWith("From: =?UTF-8?Q?").endsWith("+0000");
        assertThat(detail.get("body").asString()).isEqualTo("<html><body><script>alert(1)</script>Pay now.</body></html>\r\n");
        assertThat(detail.get("bodyCut").asBoolean()).isFalse();
    }

    @Test
    void aReleasedMessageReachesItsRecipientOnceAndASecondReleaseIsAConflict() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);

        HttpResponse<String> released = admin.post("/api/v1/quarantine/" + id + "/release", "application/json", "");

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(json(released).get("delivered").get(0).asString()).isEqualTo(alice);
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
        assertThat(json(admin.get("/api/v1/quarantine/" + id)).get("message").get("held").asBoolean()).isFalse();
        for (HttpResponse<String> again : List.of(admin.post("/api/v1/quarantine/" + id + "/release",
                "application/json", ""), admin.delete("/api/v1/quarantine/" + id))) {
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(again).get("detail").asString()).contains("released already");
        }
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void aReleaseThatDoesNotFitStaysHeldWithAConflict() throws IOException {
        users.setQuota(alice, 10L);
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);

        HttpResponse<String> refused = admin.post("/api/v1/quarantine/" + id + "/release", "application/json", "");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asString()).contains(alice);
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
    }

    @Test
    void aDeletedMessageIsGone() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MESSAGE, alice);

        assertThat(admin.delete("/api/v1/quarantine/" + id).statusCode()).isEqualTo(204);

        assertThat(quarantine.find(id)).isEmpty();
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
        assertThat(admin.get("/api/v1/quarantine/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownMessagesAre404ProblemsAndBadIdsAre400() {
        for (HttpResponse<String> response : List.of(admin.get("/api/v1/quarantine/999999"),
                admin.post("/api/v1/quarantine/999999/release", "application/json", ""),
                admin.delete("/api/v1/quarantine/999999"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("detail").asString()).contains("999999");
        }
        assertThat(admin.get("/api/v1/quarantine/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void theDashboardCountsHeldMessages() throws IOException {
        long before = json(admin.get("/api/v1/stats")).get("heldInQuarantine").asLong();
        DmarcHold.hold(quarantine, db, MESSAGE, alice);

        assertThat(json(admin.get("/api/v1/stats")).get("heldInQuarantine").asLong()).isEqualTo(before + 1);
    }

    @Test
    void aQueuedMessageShowsTheVerdictsStoredWithIt() throws IOException {
        long messageId = store.deliver("someone@bank.example", MessageOrigin.RECEIVED,
                List.of(Recipient.remote("forwarded@far.example")),
                new ByteArrayInputStream("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)),
                DmarcHold.CHECKS).messageId();
        long entry = queue.list(0, 10_000).stream().filter(e -> e.messageId() == messageId).findFirst().orElseThrow()
                .id();

        JsonNode checks = json(admin.get("/api/v1/queue/" + entry)).get("checks");

        assertThat(checks.valueStream().map(c -> c.get("check").asString() + "=" + c.get("result").asString()))
                .containsExactly("spf=fail", "dkim=none", "dmarc=fail");
    }

    private static JsonNode item(JsonNode listing, long id) {
        return listing.get("items").valueStream().filter(e -> e.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no held message " + id + " in " + listing));
    }
}
