package org.postroom.admin.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The sending limits API over real HTTP against the running application and a real PostgreSQL; the
 * server's limits are {@link org.postroom.admin.AdminTestServices}' (200, 1000, none, 2000; lock
 * after 3).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LimitsApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    SendingCounters counters;

    private WebVisitor admin;
    private String domain;
    private String alice;

    @BeforeEach
    void createUser() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "limits" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "alice's long secret 1", null);
    }

    @Test
    void aUserTakesTheDomainsLimitsOverTheServersAndTheirOwnOverBoth() {
        JsonNode fresh = json(admin.get("/api/v1/users/" + alice + "/limits"));
        assertThat(fresh.get("limits").get("messagesPerHour").isNull()).isTrue();
        assertThat(fresh.get("effective").get("messagesPerHour").asInt()).isEqualTo(200);
        assertThat(fresh.get("usage").get("messagesToday").asLong()).isZero();
        assertThat(fresh.has("suspension")).isFalse();

        JsonNode domainLimits = json(admin.patchJson("/api/v1/domains/" + domain + "/limits",
                "{\"messagesPerHour\": 20, \"recipientsPerMessage\": 10}"));
        assertThat(domainLimits.get("limits").get("messagesPerHour").asInt()).isEqualTo(20);
        assertThat(domainLimits.get("inherited").get("messagesPerDay").asInt()).isEqualTo(1000);
        assertThat(domainLimits.get("effective").get("recipientsPerMessage").asInt()).isEqualTo(10);

        JsonNode own = json(admin.patchJson("/api/v1/users/" + alice + "/limits", "{\"messagesPerHour\": 5}"));
        assertThat(own.get("effective").get("messagesPerHour").asInt()).isEqualTo(5);
        assertThat(own.get("inherited").get("messagesPerHour").asInt()).isEqualTo(20);
        assertThat(own.get("effective").get("recipientsPerMessage").asInt()).isEqualTo(10);
        // a merge patch: what is absent stays, null takes the next level's again
        JsonNode back = json(admin.patchJson("/api/v1/users/" + alice + "/limits",
                "{\"messagesPerHour\": null, \"recipientsPerDay\": 99}"));
        assertThat(back.get("effective").get("messagesPerHour").asInt()).isEqualTo(20);
        assertThat(back.get("limits").get("recipientsPerDay").asInt()).isEqualTo(99);
    }

    @Test
    void badLimitsAreRefusedWithAProblemNamingTheFieldAndChangeNothing() {
        assertProblem(admin.patchJson("/api/v1/users/" + alice + "/limits", "{\"messagesPerHour\": 0}"), 400,
                "messagesPerHour must be a whole number of at least 1");
        assertProblem(admin.patchJson("/api/v1/users/" + alice + "/limits",
                "{\"recipientsPerDay\": 10, \"messagesPerDay\": \"many\"}"), 400, "messagesPerDay must be");
        assertProblem(admin.patchJson("/api/v1/users/" + alice + "/limits", "{\"perHour\": 3}"), 400,
                "unknown field perHour");
        assertProblem(admin.patchJson("/api/v1/users/" + alice + "/limits", "{}"), 400, "nothing to change");
        assertProblem(admin.patchJson("/api/v1/users/nobody@" + domain + "/limits", "{\"messagesPerHour\": 3}"), 404,
                "no user nobody@" + domain);
        assertProblem(admin.get("/api/v1/domains/nowhere.example/limits"), 404, "no domain nowhere.example");
        assertThat(json(admin.get("/api/v1/users/" + alice + "/limits")).get("limits").get("recipientsPerDay").isNull())
                .isTrue();
    }

    @Test
    void aSuspendedUserIsListedShownAndLiftedOnceByAnAdministrator() {
        long id = users.find(alice).orElseThrow().id();
        SendingPolicy lockAfterOne = new SendingPolicy(SendingLimits.NONE, 1);
        counters.refused(id, false, lockAfterOne, Instant.now());

        JsonNode listed = json(admin.get("/api/v1/suspensions"));
        assertThat(listed.valueStream().map(s -> s.get("address").asString())).contains(alice);
        JsonNode shown = json(admin.get("/api/v1/users/" + alice + "/limits"));
        assertThat(shown.get("suspension").get("reason").asString()).isEqualTo("limit-hits");
        assertThat(shown.get("usage").get("limitHits").asLong()).isEqualTo(1);

        assertThat(admin.delete("/api/v1/users/" + alice + "/suspension").statusCode()).isEqualTo(204);
        assertThat(json(admin.get("/api/v1/suspensions")).valueStream().map(s -> s.get("address").asString()))
                .doesNotContain(alice);
        assertThat(json(admin.get("/api/v1/users/" + alice + "/limits")).has("suspension")).isFalse();
        assertProblem(admin.delete("/api/v1/users/" + alice + "/suspension"), 404,
                "the sending of " + alice + " is not suspended");
    }

    @Test
    void onlyAnAdministratorReadsOrChangesLimits() {
        WebVisitor stranger = WebVisitor.anonymous(port);
        assertThat(stranger.get("/api/v1/users/" + alice + "/limits").statusCode()).isEqualTo(401);
        assertThat(stranger.delete("/api/v1/users/" + alice + "/suspension").statusCode()).isEqualTo(401);
        WebVisitor user = WebVisitor.basic(port, alice, "alice's long secret 1");
        assertThat(user.patchJson("/api/v1/users/" + alice + "/limits", "{\"messagesPerHour\": 1000000}").statusCode())
                .isIn(401, 403);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString()).contains(detail);
    }
}
