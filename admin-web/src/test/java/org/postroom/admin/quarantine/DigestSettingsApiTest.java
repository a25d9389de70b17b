package org.postroom.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.ProblemResponses.assertProblem;
import static org.postroom.admin.WebVisitor.json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * What the administrators' API adds for the users' quarantine: the daily digest turned off per
 * domain and per user (where domains and users are changed), the held messages of one domain, and
 * a mail user's login that opens none of it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DigestSettingsApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    Quarantine quarantine;
    @Autowired
    Database db;

    private WebVisitor admin;
    private String domain;
    private String alice;

    @BeforeEach
    void createUser() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "digest" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "correct horse battery", null);
    }

    @Test
    void theDigestIsOnUntilTurnedOffForTheDomainOrTheUser() {
        assertThat(json(admin.get("/api/v1/domains/" + domain)).get("quarantineDigest").asBoolean()).isTrue();
        assertThat(json(admin.get("/api/v1/users/" + alice)).get("quarantineDigest").asBoolean()).isTrue();

        JsonNode domainOff = json(admin.patchJson("/api/v1/domains/" + domain, "{\"quarantineDigest\":false}"));
        JsonNode userOff = json(admin.patchJson("/api/v1/users/" + alice, "{\"quarantineDigest\":false}"));

        assertThat(domainOff.get("quarantineDigest").asBoolean()).isFalse();
        assertThat(domainOff.get("postmasterTarget").isNull()).as("untouched").isTrue();
        assertThat(userOff.get("quarantineDigest").asBoolean()).isFalse();
        assertThat(userOff.get("enabled").asBoolean()).as("untouched").isTrue();
        assertThat(domains.find(domain).orElseThrow().quarantineDigest()).isFalse();
        assertThat(users.find(alice).orElseThrow().quarantineDigest()).isFalse();
    }

    @Test
    void bothFieldsOfADomainChangeTogetherOrNotAtAll() {
        assertProblem(admin.patchJson("/api/v1/domains/" + domain,
                "{\"quarantineDigest\":false,\"postmasterTarget\":\"nobody@" + domain + "\"}"), 400, "no user or alias");
        assertThat(domains.find(domain).orElseThrow().quarantineDigest()).isTrue();

        JsonNode both = json(admin.patchJson("/api/v1/domains/" + domain,
                "{\"quarantineDigest\":false,\"postmasterTarget\":\"" + alice + "\"}"));
        assertThat(both.get("quarantineDigest").asBoolean()).isFalse();
        assertThat(both.get("postmasterTarget").asString()).isEqualTo(alice);
    }

    @Test
    void aDigestSettingThatIsNoBooleanIsRefusedAsProblemJson() {
        assertProblem(admin.patchJson("/api/v1/domains/" + domain, "{\"quarantineDigest\":\"no\"}"), 400,
                "quarantineDigest must be true or false");
        assertProblem(admin.patchJson("/api/v1/users/" + alice, "{\"quarantineDigest\":0}"), 400,
                "quarantineDigest must be true or false");
        assertProblem(admin.patchJson("/api/v1/domains/missing.example", "{\"quarantineDigest\":true}"), 404,
                "no domain missing.example");
        assertThat(users.find(alice).orElseThrow().quarantineDigest()).isTrue();
    }

    @Test
    void theHeldMessagesOfOneDomainAreListedWhenAsked() throws IOException {
        String other = "other" + NAMES.incrementAndGet() + ".example";
        domains.create(other);
        users.create("bob@" + other, "correct horse battery", null);
        long ours = DmarcHold.hold(quarantine, db, "Subject: ours\r\n\r\nx\r\n", alice);
        long theirs = DmarcHold.hold(quarantine, db, "Subject: theirs\r\n\r\nx\r\n", "bob@" + other);

        JsonNode listing = json(admin.get("/api/v1/quarantine?domain=" + domain.toUpperCase()));

        assertThat(listing.get("total").asLong()).isEqualTo(1);
        assertThat(listing.get("items").get(0).get("id").asLong()).isEqualTo(ours);
        assertThat(json(admin.get("/api/v1/quarantine?domain=" + other)).get("items").get(0).get("id").asLong())
                .isEqualTo(theirs);
    }

    @Test
    void aMailUsersLoginOpensNoneOfTheQuarantineApi() {
        HttpResponse<String> asUser = WebVisitor.basic(port, alice, "correct horse battery").get("/api/v1/quarantine");
        assertThat(asUser.statusCode()).isEqualTo(403);
        assertThat(asUser.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }
}
