package org.postroom.admin.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/** /api/v1/users over real HTTP against the running application and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UserApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";
    /** 68 characters, 92 bytes in UTF-8. */
    private static final String OVER_72_BYTES = "ünïcödé pässwörd ".repeat(4);

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    Authenticator authenticator;
    @Autowired
    MailStore store;
    @Autowired
    DataSource dataSource;

    private WebVisitor admin;
    private String domain;

    @BeforeEach
    void createDomain() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "users" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
    }

    @Test
    void aCreatedUserCanLogInAndIsShownWithoutAPasswordHash() {
        HttpResponse<String> created = admin.postJson("/api/v1/users",
                "{\"address\":\"Alice@" + domain + "\",\"password\":\"" + PASSWORD + "\",\"quotaBytes\":1073741824}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/alice@" + domain);
        JsonNode user = json(created);
        assertThat(user.get("address").asString()).isEqualTo("alice@" + domain);
        assertThat(user.get("quotaBytes").asLong()).isEqualTo(1073741824L);
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(authenticator.verify("alice@" + domain, PASSWORD)).isPresent();
        for (String path : List.of("/api/v1/users/alice@" + domain, "/api/v1/users?domain=" + domain)) {
            assertThat(admin.get(path).body()).as(path).doesNotContain("{bcrypt}").doesNotContain("$2a$")
                    .doesNotContainIgnoringCase("password");
        }
        assertThat(created.body()).doesNotContain("{bcrypt}").doesNotContainIgnoringCase("password");
    }

    @Test
    void theQuotaIsOptional() {
        JsonNode user = json(admin.postJson("/api/v1/users", "{\"address\":\"bob@" + domain + "\",\"password\":\"" + PASSWORD + "\"}"));

        assertThat(user.get("quotaBytes").isNull()).isTrue();
        assertThat(user.get("quotaUsedPercent").isNull()).isTrue();
    }

    @Test
    void badInputIsRefusedWith400AndTheReason() {
        assertRefused("{\"address\":\"no-at-sign\",\"password\":\"" + PASSWORD + "\"}", 400, "needs a domain");
        assertRefused("{\"address\":\"a b@" + domain + "\",\"password\":\"" + PASSWORD + "\"}", 400, "not a valid address");
        assertRefused("{\"address\":\"carol@" + domain + "\",\"password\":\"short\"}", 400, "at least 10 characters");
        assertRefused("{\"address\":\"carol@" + domain + "\",\"password\":\"aaaaaaaaaaaa\"}", 400, "4 different characters");
        // bcrypt reads 72 bytes: a longer password is refused, not cut short behind the user's back
        assertRefused("{\"address\":\"carol@" + domain + "\",\"password\":\"" + OVER_72_BYTES + "\"}", 400,
                "password must have at most 72 bytes");
        assertRefused("{\"address\":\"carol@" + domain + "\",\"password\":\"" + PASSWORD + "\",\"quotaBytes\":-1}", 400,
                "negative");
        assertRefused("{\"address\":\"carol@nowhere.example\",\"password\":\"" + PASSWORD + "\"}", 400,
                "not one of this server's domains");
    }

    @Test
    void aDuplicateIsAConflict() {
        users.create("dave@" + domain, PASSWORD, null);

        assertRefused("{\"address\":\"DAVE@" + domain + "\",\"password\":\"" + PASSWORD + "\"}", 409, "exists already");
    }

    @Test
    void usersAreSearchedByDomainAndTextAPageAtATime() {
        for (String name : List.of("ann", "anna", "bert", "hannah", "zoe")) {
            users.create(name + "@" + domain, PASSWORD, null);
        }

        JsonNode firstPage = json(admin.get("/api/v1/users?domain=" + domain + "&q=ann&page=0&size=2"));
        JsonNode secondPage = json(admin.get("/api/v1/users?domain=" + domain + "&q=ann&page=1&size=2"));

        assertThat(firstPage.get("total").asLong()).isEqualTo(3);
        assertThat(firstPage.get("pages").asInt()).isEqualTo(2);
        assertThat(firstPage.get("items").findValuesAsString("address")).containsExactly("ann@" + domain, "anna@" + domain);
        assertThat(secondPage.get("items").findValuesAsString("address")).containsExactly("hannah@" + domain);
        assertThat(json(admin.get("/api/v1/users?domain=" + domain)).get("total").asLong()).isEqualTo(5);
        assertThat(admin.get("/api/v1/users?page=-1").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users?size=0").statusCode()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users?page=first").statusCode()).isEqualTo(400);
    }

    @Test
    void aUserIsShownWithTheirQuotaUsage() throws IOException {
        users.create("erin@" + domain, PASSWORD, 1000L);
        long inbox = authenticator.verify("erin@" + domain, PASSWORD).orElseThrow().inboxId();
        byte[] message = "Subject: hi\r\n\r\n".concat("x".repeat(235)).concat("\r\n").getBytes(StandardCharsets.US_ASCII);
        store.deliver("someone@far.example", MessageOrigin.RECEIVED,
                List.of(new Recipient("erin@" + domain, Set.of(inbox), Set.of())),
                new ByteArrayInputStream(message));

        JsonNode user = json(admin.get("/api/v1/users/erin@" + domain));

        assertThat(user.get("usedBytes").asLong()).isEqualTo(message.length);
        assertThat(user.get("messageCount").asLong()).isEqualTo(1);
        assertThat(user.get("quotaUsedPercent").asInt()).isEqualTo(message.length * 100 / 1000);
    }

    @Test
    void patchChangesOnlyTheFieldsGiven() {
        users.create("fred@" + domain, PASSWORD, 5000L);
        String path = "/api/v1/users/fred@" + domain;

        JsonNode disabled = json(admin.patchJson(path, "{\"enabled\":false}"));
        assertThat(disabled.get("enabled").asBoolean()).isFalse();
        assertThat(disabled.get("quotaBytes").asLong()).isEqualTo(5000);

        JsonNode unlimited = json(admin.patchJson(path, "{\"quotaBytes\":null,\"enabled\":true}"));
        assertThat(unlimited.get("quotaBytes").isNull()).isTrue();
        assertThat(unlimited.get("enabled").asBoolean()).isTrue();

        assertThat(admin.patchJson(path, "{\"password\":\"a brand new secret\"}").statusCode()).isEqualTo(200);
        assertThat(authenticator.verify("fred@" + domain, "a brand new secret")).isPresent();
        assertThat(authenticator.verify("fred@" + domain, PASSWORD)).isEmpty();
        assertThat(json(admin.patchJson(path, "{\"quotaBytes\":2048}")).get("quotaBytes").asLong()).isEqualTo(2048);
    }

    @Test
    void aBadPatchChangesNothing() {
        users.create("gina@" + domain, PASSWORD, 5000L);
        String path = "/api/v1/users/gina@" + domain;

        assertThat(admin.patchJson(path, "{\"enabled\":false,\"password\":\"short\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> tooLong = admin.patchJson(path, "{\"password\":\"" + OVER_72_BYTES + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(tooLong).get("detail").asString()).contains("password must have at most 72 bytes");
        assertThat(admin.patchJson(path, "{\"enabled\":false,\"quotaBytes\":\"lots\"}").statusCode()).isEqualTo(400);
        assertThat(admin.patchJson(path, "{\"enabled\":\"no\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> unknownField = admin.patchJson(path, "{\"enabled\":false,\"admin\":true}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json(unknownField).get("detail").asString()).contains("unknown field admin");
        assertThat(admin.patchJson(path, "{}").statusCode()).isEqualTo(400);

        JsonNode unchanged = json(admin.get(path));
        assertThat(unchanged.get("enabled").asBoolean()).isTrue();
        assertThat(unchanged.get("quotaBytes").asLong()).isEqualTo(5000);
    }

    @Test
    void aPatchWhoseLastWriteFailsChangesNothing() {
        users.create("ida@" + domain, PASSWORD, 5000L);
        String path = "/api/v1/users/ida@" + domain;
        // the database refuses the last of the three changes: disabling ida
        JdbcClient sql = JdbcClient.create(dataSource);
        sql.sql("""
                create function refuse_disabling_ida() returns trigger language plpgsql as $$
                begin raise exception 'disabling ida refused for this test'; end $$
                """).update();
        sql.sql("""
                create trigger refuse_disabling_ida before update on mail_user for each row
                when (old.enabled and not new.enabled and old.local_part = 'ida') execute function refuse_disabling_ida()
                """).update();
        try {
            assertThat(admin.patchJson(path, "{\"password\":\"a brand new secret\",\"quotaBytes\":2048,\"enabled\":false}")
                    .statusCode()).isEqualTo(503);
        } finally {
            sql.sql("drop trigger refuse_disabling_ida on mail_user").update();
            sql.sql("drop function refuse_disabling_ida()").update();
        }

        JsonNode unchanged = json(admin.get(path));
        assertThat(unchanged.get("enabled").asBoolean()).isTrue();
        assertThat(unchanged.get("quotaBytes").asLong()).isEqualTo(5000);
        assertThat(authenticator.verify("ida@" + domain, PASSWORD)).isPresent();
        assertThat(authenticator.verify("ida@" + domain, "a brand new secret")).isEmpty();
    }

    @Test
    void aDeletedUserIsGone() {
        users.create("hugo@" + domain, PASSWORD, null);

        assertThat(admin.delete("/api/v1/users/hugo@" + domain).statusCode()).isEqualTo(204);

        assertThat(admin.get("/api/v1/users/hugo@" + domain).statusCode()).isEqualTo(404);
        assertThat(authenticator.verify("hugo@" + domain, PASSWORD)).isEmpty();
    }

    @Test
    void unknownUsersAre404() {
        String path = "/api/v1/users/nobody@" + domain;
        for (HttpResponse<String> response : List.of(admin.get(path), admin.delete(path),
                admin.patchJson(path, "{\"enabled\":false}"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("detail").asString()).contains("nobody@" + domain);
        }
    }

    private void assertRefused(String body, int status, String reason) {
        HttpResponse<String> response = admin.postJson("/api/v1/users", body);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("detail").asString()).as(body).contains(reason);
    }
}
