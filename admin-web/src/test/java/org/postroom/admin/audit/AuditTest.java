package org.postroom.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.Database;
import org.postroom.storage.audit.AuditEntry;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.audit.AuditQuery;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * The audit log over real HTTP against the embedded PostgreSQL: every change handler passes the one
 * {@link ChangeAudit} (read from the registered handler mappings, so a new one that would not fails
 * {@link #everyChangeHandlerWritesAnAuditEntry}); changes through the API and the console, lifts of
 * suspended sending, sign-ins and failed logins are written with who, from where and what; no row
 * holds a secret; a domain administrator sees only entries about their domains.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTest {

    private static final String OURS = "audit-ours.example";
    private static final String THEIRS = "audit-theirs.example";
    private static final String DOMAIN_ADMIN = "audit-dadmin";
    private static final String DOMAIN_ADMIN_PASSWORD = "domain admin's password";
    private static final String CAROL_PASSWORD = "carol's very long secret";
    private static final String DAVE_PASSWORD = "dave's very long secret";
    private static final String RESET_PASSWORD = "a new password, long enough";
    private static final String WRONG_PASSWORD = "a wrong password, long";
    /** Handlers that write their own entry: the second factor's code is a sign-in step, written as a login. */
    private static final Set<String> AUDITED_ELSEWHERE = Set.of("POST /login/code", "POST /account/login/code");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;
    @Autowired
    AuditLog audit;
    @Autowired
    Database db;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    SendingCounters counters;

    private WebVisitor api;
    private final List<String> secrets = new ArrayList<>(List.of(CAROL_PASSWORD, DAVE_PASSWORD, RESET_PASSWORD,
            WRONG_PASSWORD, AdminTestApplication.ADMIN_PASSWORD, DOMAIN_ADMIN_PASSWORD));

    @BeforeAll
    void twoDomains() {
        domains.create(OURS);
        domains.create(THEIRS);
        users.create("alice@" + THEIRS, "alice's long secret", null);
        users.create("bob@" + OURS, "bob's long secret 1", null);
        admins.create(DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD, AdministratorScope.domainAdministrator(List.of(OURS)));
        api = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }

    @Test
    void everyChangeHandlerWritesAnAuditEntry() throws Exception {
        List<String> changeHandlers = new ArrayList<>();
        for (var entry : handlers.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getName().startsWith("org.postroom.admin.")) {
                continue;
            }
            for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                if (Set.of("GET", "HEAD", "OPTIONS").contains(method.name())) {
                    continue;
                }
                for (String pattern : entry.getKey().getPathPatternsCondition().getPatternValues()) {
                    String key = method.name() + " " + pattern;
                    changeHandlers.add(key);
                    if (AUDITED_ELSEWHERE.contains(key)) {
                        assertThat(handler.hasMethodAnnotation(AuditedElsewhere.class)).as(key).isTrue();
                        continue;
                    }
                    assertThat(ChangeAudit.audited(handler)).as(key + " is audited").isTrue();
                    assertThat(ChangeAudit.action(handler)).as(key).matches("[a-z][A-Za-z]*\\.[a-z][A-Za-z]*");
                    // the interceptor is on this handler's chain: no path of it left out
                    MockHttpServletRequest request = new MockHttpServletRequest(method.name(),
                            pattern.replaceAll("\\{[^}]+}", "1"));
                    request.setServletPath(request.getRequestURI());
                    request.setContentType(pattern.startsWith("/api/") ? "application/json"
                            : "application/x-www-form-urlencoded");
                    HandlerExecutionChain chain = handlers.getHandler(request);
                    assertThat(chain).as(key).isNotNull();
                    assertThat(chain.getInterceptorList()).as(key).anyMatch(ChangeAudit.class::isInstance);
                }
            }
        }
        assertThat(changeHandlers).hasSizeGreaterThan(60).containsAll(AUDITED_ELSEWHERE);
    }

    @Test
    void changesThroughTheApiAndTheConsoleAreWrittenWithWhoWhereAndWhat() {
        assertThat(api.postJson("/api/v1/users", "{\"address\":\"carol@" + OURS + "\",\"password\":\"" + CAROL_PASSWORD
                + "\"}").statusCode()).isEqualTo(201);
        AuditEntry created = latest("user.create");
        assertThat(created.actor()).isEqualTo(AdminTestApplication.ADMIN);
        assertThat(created.channel().key()).isEqualTo("api");
        assertThat(created.client()).isEqualTo("127.0.0.1");
        assertThat(created.domain()).isEqualTo(OURS);
        assertThat(created.target()).isEqualTo("carol@" + OURS);
        assertThat(created.detail()).startsWith("POST /api/v1/users");

        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(console.submitForm("/users/new", "/users/new", "localPart", "dave", "domain", OURS, "password",
                DAVE_PASSWORD).statusCode()).isEqualTo(302);
        AuditEntry consoleCreate = latest("user.create");
        assertThat(consoleCreate.channel().key()).isEqualTo("console");
        assertThat(consoleCreate.target()).isEqualTo("dave@" + OURS);
        assertThat(consoleCreate.detail()).contains("localPart=dave").contains("password=(not recorded)");
        assertThat(console.submitForm("/users/dave@" + OURS, "/users/dave@" + OURS + "/password", "password",
                RESET_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(latest("user.resetPassword").target()).isEqualTo("dave@" + OURS);
        assertThat(api.delete("/api/v1/users/carol@" + OURS).statusCode()).isEqualTo(204);
        assertThat(latest("user.delete").target()).isEqualTo("carol@" + OURS);

        // a refused change is no change: no entry
        long before = count();
        assertThat(api.delete("/api/v1/users/nobody@" + OURS).statusCode()).isEqualTo(404);
        assertThat(console.submitForm("/users/new", "/users/new", "localPart", "x", "domain", "unknown.example",
                "password", DAVE_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(count()).isEqualTo(before);

        // an API token's change names the token
        var token = api.postJson("/api/v1/tokens", "{\"name\":\"audited\",\"access\":\"write\"}");
        String value = json(token).get("value").asString();
        secrets.add(value);
        assertThat(latest("token.create").actor()).isEqualTo(AdminTestApplication.ADMIN);
        assertThat(WebVisitor.bearer(port, value).postJson("/api/v1/aliases", "{\"address\":\"info@" + OURS
                + "\",\"targets\":[\"bob@" + OURS + "\"]}").statusCode()).isEqualTo(201);
        assertThat(latest("alias.create").detail()).contains("with token " + value.substring(0, 12))
                .doesNotContain(value);
    }

    @Test
    void aSuspensionAndItsLiftAreWritten() {
        long bob = users.find("bob@" + OURS).orElseThrow().id();
        counters.refused(bob, false, new SendingPolicy(SendingLimits.NONE, 1), Instant.now());
        assertThat(latest("sending.suspend").target()).isEqualTo("bob@" + OURS);

        assertThat(api.delete("/api/v1/users/bob@" + OURS + "/suspension").statusCode()).isEqualTo(204);
        AuditEntry lift = latest("limits.lift");
        assertThat(lift.actor()).isEqualTo(AdminTestApplication.ADMIN);
        assertThat(lift.target()).isEqualTo("bob@" + OURS);

        counters.refused(bob, false, new SendingPolicy(SendingLimits.NONE, 1), Instant.now());
        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(console.submitForm("/users/bob@" + OURS, "/users/bob@" + OURS + "/suspension/lift").statusCode())
                .isEqualTo(302);
        assertThat(latest("limits.lift").channel().key()).isEqualTo("console");
    }

    @Test
    void signInsAndFailedLoginsAreWritten() {
        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(AdminTestApplication.ADMIN, WRONG_PASSWORD);
        AuditEntry failed = latest("login.failed");
        assertThat(failed.channel().key()).isEqualTo("console");
        assertThat(failed.actor()).isEqualTo(AdminTestApplication.ADMIN);
        assertThat(failed.detail()).isEqualTo("wrong-password");
        console.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(latest("login").channel().key()).isEqualTo("console");

        WebVisitor account = WebVisitor.anonymous(port);
        account.logInToAccount("bob@" + OURS, WRONG_PASSWORD);
        assertThat(latest("login.failed").channel().key()).isEqualTo("account");
        account.logInToAccount("bob@" + OURS, "bob's long secret 1");
        AuditEntry signedIn = latest("login");
        assertThat(signedIn.channel().key()).isEqualTo("account");
        assertThat(signedIn.actor()).isEqualTo("bob@" + OURS);

        assertThat(WebVisitor.basic(port, AdminTestApplication.ADMIN, WRONG_PASSWORD).get("/api/v1/domains").statusCode())
                .isEqualTo(401);
        assertThat(latest("login.failed").channel().key()).isEqualTo("api");
        assertThat(WebVisitor.bearer(port, "prt_" + "b".repeat(32)).get("/api/v1/domains").statusCode()).isEqualTo(401);
        AuditEntry badToken = latest("login.failed");
        assertThat(badToken.actor()).isEqualTo("prt_bbbbbbbb");
        assertThat(badToken.detail()).isEqualTo("unknown-expired-or-revoked-token");
        // something else sent as a token is not written, not even its beginning
        assertThat(WebVisitor.bearer(port, WRONG_PASSWORD).get("/api/v1/domains").statusCode()).isEqualTo(401);
        assertThat(latest("login.failed").actor()).isEqualTo("not-a-token");
    }

    /** Last: after every other test here wrote its passwords and tokens. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noAuditRowHoldsASecret() {
        String table = db.run("read the audit log", jdbc -> jdbc.sql("select string_agg(t::text, E'\\n') from audit_entry t")
                .query(String.class).single());
        assertThat(table).contains("user.create").contains("login.failed");
        for (String secret : secrets) {
            assertThat(table).as("the audit log").doesNotContain(secret);
        }
    }

    @Test
    void aDomainAdministratorSeesOnlyEntriesAboutTheirDomains() {
        api.postJson("/api/v1/users", "{\"address\":\"erin@" + THEIRS + "\",\"password\":\"" + CAROL_PASSWORD + "\"}");
        api.postJson("/api/v1/users", "{\"address\":\"frank@" + OURS + "\",\"password\":\"" + CAROL_PASSWORD + "\"}");
        WebVisitor domainAdmin = WebVisitor.basic(port, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD);

        JsonNode page = json(domainAdmin.get("/api/v1/audit?size=500"));
        assertThat(page.get("items").valueStream().map(item -> item.get("domain").asString()).distinct().toList())
                .containsExactly(OURS);
        assertThat(page.toString()).contains("frank@" + OURS).doesNotContain(THEIRS);
        assertThat(domainAdmin.get("/api/v1/audit?domain=" + THEIRS).statusCode()).isEqualTo(404);
        // a server administrator sees everything, and filters
        JsonNode all = json(api.get("/api/v1/audit?action=user.&domain=" + THEIRS + "&from=2000-01-01&size=500"));
        assertThat(all.get("items").valueStream().map(item -> item.get("target").asString()))
                .contains("erin@" + THEIRS).allMatch(target -> target.endsWith(THEIRS));
        assertThat(json(api.get("/api/v1/audit?actor=nobody")).get("total").asLong()).isZero();
        assertThat(json(api.get("/api/v1/audit?until=2000-01-01")).get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/audit?from=yesterday").statusCode()).isEqualTo(400);

        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD);
        String consolePage = console.get("/audit").body();
        assertThat(consolePage).contains("frank@" + OURS).doesNotContain(THEIRS);
        assertThat(console.get("/audit?domain=" + THEIRS).statusCode()).isEqualTo(404);
    }

    private AuditEntry latest(String action) {
        return audit.search(new AuditQuery(null, action, null, null, null, null), 0, 1).items().get(0);
    }

    private long count() {
        return audit.search(AuditQuery.all(), 0, 1).total();
    }
}
