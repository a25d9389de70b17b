package org.postroom.admin.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.ProblemResponses.assertProblem;
import static org.postroom.admin.WebVisitor.json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.Database;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.tokens.ApiToken;
import org.postroom.storage.tokens.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * API tokens over real HTTP against the embedded PostgreSQL: created with a password login and
 * shown once, a read token only reads, a token narrowed to a domain (or owned by a domain
 * administrator) goes through the one domain gate and gets what the domain administrators'
 * table expects (404 for another domain's data, 403 for server functions), and an expired,
 * revoked or unknown token gets 401 problem+json, counted as a failed login.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokenTest {

    private static final String OURS = "tokens-ours.example";
    private static final String THEIRS = "tokens-theirs.example";
    private static final String DOMAIN_ADMIN = "tokens-dadmin";
    private static final String DOMAIN_ADMIN_PASSWORD = "domain admin's password";

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Database db;
    @Autowired
    SimpleMeterRegistry meters;

    private WebVisitor admin;

    @BeforeAll
    void twoDomains() {
        domains.create(OURS);
        domains.create(THEIRS);
        users.create("alice@" + THEIRS, "alice's long secret", null);
        users.create("bob@" + OURS, "bob's long secret 1", null);
        admins.create(DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD, AdministratorScope.domainAdministrator(List.of(OURS)));
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }

    private String create(WebVisitor owner, String json) {
        var created = owner.postJson("/api/v1/tokens", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("value").asString();
    }

    @Test
    void aTokenIsShownOnceAndListedWithoutItsValue() {
        var created = admin.postJson("/api/v1/tokens", "{\"name\":\"listed\",\"access\":\"read\",\"expiresInDays\":30}");

        assertThat(created.statusCode()).isEqualTo(201);
        String value = json(created).get("value").asString();
        assertThat(value).startsWith("prt_");
        JsonNode token = json(created).get("token");
        assertThat(token.get("access").asString()).isEqualTo("read");
        assertThat(Duration.between(Instant.now(), Instant.parse(token.get("expiresAt").asString())).toDays())
                .isBetween(29L, 30L);
        var list = admin.get("/api/v1/tokens");
        assertThat(list.body()).contains("listed").contains(value.substring(0, 12)).doesNotContain(value);
    }

    @Test
    void aReadTokenReadsButChangesNothing() {
        WebVisitor reader = WebVisitor.bearer(port, create(admin, "{\"name\":\"reader\",\"access\":\"read\"}"));

        assertThat(reader.get("/api/v1/domains").statusCode()).isEqualTo(200);
        assertProblem(reader.postJson("/api/v1/domains", "{\"name\":\"by-reader.example\"}"), 403, "read token only reads");
        assertProblem(reader.delete("/api/v1/users/bob@" + OURS), 403, "read token only reads");
        assertThat(domains.find("by-reader.example")).isEmpty();
        assertThat(users.find("bob@" + OURS)).isPresent();
    }

    @Test
    void aWriteTokenChangesWhatItsOwnerMayButManagesNoTokens() {
        WebVisitor writer = WebVisitor.bearer(port, create(admin, "{\"name\":\"writer\",\"access\":\"write\"}"));

        assertThat(writer.postJson("/api/v1/domains", "{\"name\":\"by-writer.example\"}").statusCode()).isEqualTo(201);
        assertThat(domains.find("by-writer.example")).isPresent();
        assertProblem(writer.postJson("/api/v1/tokens", "{\"name\":\"child\",\"access\":\"write\"}"), 403,
                "tokens are managed with a password login");
        assertThat(writer.get("/api/v1/tokens").statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenNarrowedToADomainIsADomainAdministratorOfItThroughTheOneGate() {
        WebVisitor narrowed = WebVisitor.bearer(port,
                create(admin, "{\"name\":\"ours only\",\"access\":\"write\",\"domain\":\"" + OURS + "\"}"));

        assertThat(narrowed.get("/api/v1/users/bob@" + OURS).statusCode()).isEqualTo(200);
        // another domain's data: as if it did not exist
        assertThat(narrowed.get("/api/v1/users/alice@" + THEIRS).statusCode()).isEqualTo(404);
        assertThat(narrowed.get("/api/v1/users?domain=" + THEIRS).statusCode()).isEqualTo(404);
        assertThat(narrowed.delete("/api/v1/users/alice@" + THEIRS).statusCode()).isEqualTo(404);
        assertThat(users.find("alice@" + THEIRS)).isPresent();
        // the server's functions, though its owner is a server administrator
        assertThat(narrowed.get("/api/v1/queue").statusCode()).isEqualTo(403);
        assertThat(narrowed.postJson("/api/v1/domains", "{\"name\":\"by-narrowed.example\"}").statusCode()).isEqualTo(403);
        assertThat(narrowed.get("/actuator/metrics").statusCode()).isEqualTo(403);
        JsonNode visible = json(narrowed.get("/api/v1/domains"));
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("name").asString()).isEqualTo(OURS);
    }

    @Test
    void aDomainAdministratorsTokenNeverExceedsTheirDomains() {
        WebVisitor domainAdmin = WebVisitor.basic(port, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD);
        assertThat(domainAdmin.postJson("/api/v1/tokens",
                "{\"name\":\"theirs\",\"access\":\"write\",\"domain\":\"" + THEIRS + "\"}").statusCode()).isEqualTo(404);
        WebVisitor token = WebVisitor.bearer(port, create(domainAdmin, "{\"name\":\"all mine\",\"access\":\"write\"}"));

        assertThat(token.get("/api/v1/users/bob@" + OURS).statusCode()).isEqualTo(200);
        assertThat(token.get("/api/v1/users/alice@" + THEIRS).statusCode()).isEqualTo(404);
        assertThat(token.get("/api/v1/administrators").statusCode()).isEqualTo(403);
        // the owner losing the domain takes it from the token at once
        admins.changeScope(DOMAIN_ADMIN, AdministratorScope.domainAdministrator(List.of()));
        try {
            assertThat(token.get("/api/v1/users/bob@" + OURS).statusCode()).isEqualTo(404);
        } finally {
            admins.changeScope(DOMAIN_ADMIN, AdministratorScope.domainAdministrator(List.of(OURS)));
        }
    }

    @Test
    void anExpiredRevokedOrUnknownTokenGets401AndCountsAsAFailedLogin() {
        Instant past = Instant.now().minus(Duration.ofDays(2));
        String expired = tokens.create(AdminTestApplication.ADMIN, "expired", null, true, past.plusSeconds(3600), past)
                .value();
        var revoked = admin.postJson("/api/v1/tokens", "{\"name\":\"revoked\",\"access\":\"write\"}");
        String revokedValue = json(revoked).get("value").asString();
        long revokedId = json(revoked).get("token").get("id").asLong();
        assertThat(WebVisitor.bearer(port, revokedValue).get("/api/v1/domains").statusCode()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/tokens/" + revokedId).statusCode()).isEqualTo(200);
        double failuresBefore = failures();

        for (String value : List.of(expired, revokedValue, "prt_" + "a".repeat(32), "garbage")) {
            var refused = WebVisitor.bearer(port, value).get("/api/v1/domains");
            assertProblem(refused, 401, "unknown, expired or revoked");
            assertThat(refused.headers().allValues("WWW-Authenticate")).anyMatch(header -> header.startsWith("Bearer"));
        }
        assertThat(failures()).isEqualTo(failuresBefore + 4);
        assertThat(admin.delete("/api/v1/tokens/" + revokedId).statusCode()).isEqualTo(200);
        assertThat(admin.delete("/api/v1/tokens/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void theLastUseIsRecorded() {
        String value = create(admin, "{\"name\":\"used\",\"access\":\"read\"}");
        assertThat(tokenNamed("used").lastUsedAt()).isNull();

        WebVisitor.bearer(port, value).get("/api/v1/domains");

        ApiToken used = tokenNamed("used");
        assertThat(used.lastUsedAt()).isNotNull();
        assertThat(used.lastUsedFrom()).isEqualTo("127.0.0.1");
    }

    @Test
    void theConsolePageCreatesShowsOnceAndRevokes() {
        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        var created = console.submitForm("/tokens", "/tokens", "name", "from console", "access", "write", "domain", OURS,
                "expiresInDays", "7");
        assertThat(created.statusCode()).isEqualTo(302);
        String page = console.get("/tokens").body();
        String value = page.replaceAll("(?s).*id=\"issued-token\">(prt_[a-z2-7]{32})<.*", "$1");
        assertThat(value).startsWith("prt_").hasSize(36);
        assertThat(console.get("/tokens").body()).contains("from console").doesNotContain(value);
        assertThat(WebVisitor.bearer(port, value).get("/api/v1/users/bob@" + OURS).statusCode()).isEqualTo(200);

        long id = tokenNamed("from console").id();
        assertThat(console.submitForm("/tokens", "/tokens/" + id + "/revoke").statusCode()).isEqualTo(302);
        assertThat(WebVisitor.bearer(port, value).get("/api/v1/domains").statusCode()).isEqualTo(401);
    }

    private ApiToken tokenNamed(String name) {
        return tokens.list(AdminTestApplication.ADMIN).stream().filter(token -> token.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private double failures() {
        return meters.get("postroom.auth.failures").tag("protocol", "web").counter().count();
    }
}
