package org.postroom.admin.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.storage.queue.TestQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** /api/v1/queue over real HTTP against the running application and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QueueApiTest {

    private static final Duration MAX_AGE = Duration.ofDays(5);

    @LocalServerPort
    int port;
    @Autowired
    MailStore store;
    @Autowired
    DeliveryQueue queue;

    private WebVisitor admin;

    @BeforeEach
    void logIn() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }

    @Test
    void waitingDeliveriesAreListedWithTheQueueSize() throws IOException {
        long id = enqueue("list@far.example");

        JsonNode listing = json(admin.get("/api/v1/queue?size=500"));

        assertThat(listing.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(listing.get("oldestCreatedAt").asString()).isNotBlank();
        JsonNode entry = entry(listing, id);
        assertThat(entry.get("recipient").asString()).isEqualTo("list@far.example");
        assertThat(entry.get("sender").asString()).isEqualTo("alice@example.com");
        assertThat(entry.get("state").asString()).isEqualTo("queued");
        assertThat(admin.get("/api/v1/queue?page=-1").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/v1/queue?size=501").statusCode()).isEqualTo(400);
    }

    @Test
    void anEntryIsShownWithItsAttempts() throws IOException {
        long id = enqueue("attempts@far.example");
        QueueEntry claimed = claim(id);
        queue.defer(claimed, Duration.ofHours(1), MAX_AGE, "mx.far.example", "451 4.7.1 greylisted");

        JsonNode detail = json(admin.get("/api/v1/queue/" + id));

        assertThat(detail.get("entry").get("attempts").asInt()).isEqualTo(1);
        assertThat(detail.get("entry").get("lastError").asString()).isEqualTo("451 4.7.1 greylisted");
        JsonNode attempt = detail.get("attempts").get(0);
        assertThat(attempt.get("outcome").asString()).isEqualTo("deferred");
        assertThat(attempt.get("nextHop").asString()).isEqualTo("mx.far.example");
        assertThat(attempt.get("reply").asString()).isEqualTo("451 4.7.1 greylisted");
    }

    @Test
    void retryMakesTheEntryDueNow() throws IOException {
        long id = enqueue("retry@far.example");
        queue.defer(claim(id), Duration.ofHours(6), MAX_AGE, "mx.far.example", "421 busy");

        assertThat(admin.post("/api/v1/queue/" + id + "/retry", "application/json", "").statusCode()).isEqualTo(204);

        assertThat(queue.find(id).orElseThrow().nextAttemptAt()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aDeletedEntryLeavesTheQueue() throws IOException {
        long id = enqueue("delete@far.example");

        assertThat(admin.delete("/api/v1/queue/" + id).statusCode()).isEqualTo(204);

        assertThat(queue.find(id)).isEmpty();
        assertThat(admin.get("/api/v1/queue/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownEntriesAre404AndBadIdsAre400() {
        for (HttpResponse<String> response : List.of(admin.get("/api/v1/queue/999999"),
                admin.post("/api/v1/queue/999999/retry", "application/json", ""), admin.delete("/api/v1/queue/999999"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("detail").asString()).contains("999999");
        }
        assertThat(admin.get("/api/v1/queue/abc").statusCode()).isEqualTo(400);
    }

    private long enqueue(String recipient) throws IOException {
        long messageId = store.deliver("alice@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote(recipient)),
                new ByteArrayInputStream("Subject: out\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII))).messageId();
        return queue.list(0, 10_000).stream().filter(e -> e.messageId() == messageId).findFirst().orElseThrow().id();
    }

    /** Claims the entry, as a worker would. */
    private QueueEntry claim(long id) {
        return TestQueue.claim(queue, queue.find(id).orElseThrow().messageId(), "test", Duration.ofMinutes(5)).get(0);
    }


    private static JsonNode entry(JsonNode listing, long id) {
        return listing.get("items").valueStream().filter(e -> e.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + id + " in " + listing));
    }
}
