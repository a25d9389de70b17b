package org.postroom.admin.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.admin.quarantine.DmarcHold;
import org.postroom.storage.Database;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * The domain administrators' authorization table: every endpoint of the REST API and every page
 * and form of the console, read from the registered handler mappings (so that a new one without a
 * row fails {@link #everyEndpointHasARow}), called over real HTTP by the administrator of
 * {@value #OURS} about the data of {@value #THEIRS}. Each answers 403 or 404 and changes nothing
 * in the database, or (a list) shows nothing of {@value #THEIRS}. The same administrator then
 * manages {@value #OURS} through the same endpoints.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DomainAdministratorAccessTest {

    static final String OURS = "dadmin-ours.example";
    static final String THEIRS = "dadmin-theirs.example";
    private static final String DOMAIN_ADMIN = "dadmin";
    private static final String DOMAIN_ADMIN_PASSWORD = "domain admin's password";
    private static final String ALICE = "alice@" + THEIRS;
    private static final String SALES = "sales@" + THEIRS;
    private static final String BOB = "bob@" + OURS;
    private static final String MESSAGE = "From: ceo@bank.example\r\nSubject: pay\r\n\r\nPay now.\r\n";
    /** Handlers of no domain's data: the sign-in steps, one's own password and second factor, a mail user's pages, public documents. */
    private static final List<String> NO_DOMAIN_DATA_PATHS = List.of("/login", "/password", "/two-factor", "/account",
            "/.well-known/", "/mail/config-v1.1.xml", "/autodiscover/", "/Autodiscover/",
            // one's own API tokens; a domain a new token names is checked by the handler (ApiTokenTest)
            "/tokens", "/api/v1/tokens");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;
    @Autowired
    Database db;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AliasRepository aliases;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    Quarantine quarantine;
    @Autowired
    SendingCounters counters;

    private long theirHeldMessage;

    @BeforeAll
    void twoDomains() throws Exception {
        domains.create(OURS);
        domains.create(THEIRS);
        users.create(ALICE, "alice's long secret", null);
        users.create(BOB, "bob's long secret 1", null);
        aliases.create(SALES, List.of(ALICE));
        aliases.create("@" + THEIRS, List.of(ALICE));
        theirHeldMessage = DmarcHold.hold(quarantine, db, MESSAGE, ALICE);
        // one of ours stays held, for the list to show
        DmarcHold.hold(quarantine, db, MESSAGE, BOB);
        // both suspended, so that the list of suspensions has something of each domain to show or hide
        SendingPolicy lockAfterOne = new SendingPolicy(SendingLimits.NONE, 1);
        counters.refused(users.find(ALICE).orElseThrow().id(), false, lockAfterOne, Instant.now());
        counters.refused(users.find(BOB).orElseThrow().id(), false, lockAfterOne, Instant.now());
        admins.create(DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD, AdministratorScope.domainAdministrator(List.of(OURS)));
    }

    /** One call about {@value #THEIRS}'s data; {@code body} is JSON for the API, form fields (name, value, …) for the console. */
    record Row(String method, String pattern, String path, Kind kind, String... body) {

        String key() {
            return method + " " + pattern;
        }
    }

    enum Kind {
        /** answered 403 or 404 */
        REFUSED,
        /** a list, answered 200 without a word of the other domain */
        FILTERED
    }

    private List<Row> rows() {
        String held = Long.toString(theirHeldMessage);
        List<Row> rows = new ArrayList<>();
        // REST API: domains
        api(rows, "POST", "/api/v1/domains", "/api/v1/domains", "{\"name\":\"new-by-dadmin.example\"}");
        rows.add(new Row("GET", "/api/v1/domains", "/api/v1/domains", Kind.FILTERED));
        api(rows, "GET", "/api/v1/domains/{name}", "/api/v1/domains/" + THEIRS, null);
        api(rows, "PATCH", "/api/v1/domains/{name}", "/api/v1/domains/" + THEIRS, "{\"quarantineDigest\":false}");
        // their own domain's postmaster target at another domain: whether it was accepted would tell that alice exists
        api(rows, "PATCH", "/api/v1/domains/{name}", "/api/v1/domains/" + OURS, "{\"postmasterTarget\":\"" + ALICE + "\"}");
        api(rows, "DELETE", "/api/v1/domains/{name}", "/api/v1/domains/" + THEIRS + "?force=true", null);
        api(rows, "GET", "/api/v1/domains/{name}/dns", "/api/v1/domains/" + THEIRS + "/dns", null);
        api(rows, "GET", "/api/v1/domains/{name}/dns", "/api/v1/domains/" + THEIRS + "/dns?check=true", null);
        api(rows, "PATCH", "/api/v1/domains/{name}", "/api/v1/domains/" + THEIRS, "{\"mtaSts\":\"enforce\"}");
        api(rows, "GET", "/api/v1/domains/{name}/senders", "/api/v1/domains/" + THEIRS + "/senders", null);
        api(rows, "POST", "/api/v1/domains/{name}/senders", "/api/v1/domains/" + THEIRS + "/senders",
                "{\"entry\":\"spam@evil.example\",\"action\":\"allow\"}");
        api(rows, "DELETE", "/api/v1/domains/{name}/senders", "/api/v1/domains/" + THEIRS + "/senders?entry=x@y.example", null);
        api(rows, "GET", "/api/v1/domains/{name}/limits", "/api/v1/domains/" + THEIRS + "/limits", null);
        api(rows, "PATCH", "/api/v1/domains/{name}/limits", "/api/v1/domains/" + THEIRS + "/limits", "{\"messagesPerHour\":1}");
        api(rows, "GET", "/api/v1/domains/{name}/spam-policy", "/api/v1/domains/" + THEIRS + "/spam-policy", null);
        api(rows, "PUT", "/api/v1/domains/{name}/spam-policy", "/api/v1/domains/" + THEIRS + "/spam-policy",
                "{\"subjectTag\":\"\",\"hold\":true}");
        api(rows, "GET", "/api/v1/domains/{name}/login-policy", "/api/v1/domains/" + THEIRS + "/login-policy", null);
        api(rows, "PUT", "/api/v1/domains/{name}/login-policy", "/api/v1/domains/" + THEIRS + "/login-policy",
                "{\"appPasswordsRequired\":true,\"twoFactorRequired\":true}");
        // users
        api(rows, "POST", "/api/v1/users", "/api/v1/users", "{\"address\":\"eve@" + THEIRS + "\",\"password\":\"eve's long secret\"}");
        rows.add(new Row("GET", "/api/v1/users", "/api/v1/users?size=500", Kind.FILTERED));
        api(rows, "GET", "/api/v1/users", "/api/v1/users?domain=" + THEIRS, null);
        api(rows, "GET", "/api/v1/users/{address}", "/api/v1/users/" + ALICE, null);
        api(rows, "PATCH", "/api/v1/users/{address}", "/api/v1/users/" + ALICE, "{\"password\":\"taken over, long\"}");
        api(rows, "DELETE", "/api/v1/users/{address}", "/api/v1/users/" + ALICE, null);
        api(rows, "GET", "/api/v1/users/{address}/senders", "/api/v1/users/" + ALICE + "/senders", null);
        api(rows, "POST", "/api/v1/users/{address}/senders", "/api/v1/users/" + ALICE + "/senders",
                "{\"entry\":\"spam@evil.example\",\"action\":\"allow\"}");
        api(rows, "DELETE", "/api/v1/users/{address}/senders", "/api/v1/users/" + ALICE + "/senders?entry=x@y.example", null);
        api(rows, "GET", "/api/v1/users/{address}/limits", "/api/v1/users/" + ALICE + "/limits", null);
        api(rows, "PATCH", "/api/v1/users/{address}/limits", "/api/v1/users/" + ALICE + "/limits", "{\"messagesPerHour\":1}");
        api(rows, "DELETE", "/api/v1/users/{address}/suspension", "/api/v1/users/" + ALICE + "/suspension", null);
        api(rows, "GET", "/api/v1/users/{address}/login-policy", "/api/v1/users/" + ALICE + "/login-policy", null);
        api(rows, "PUT", "/api/v1/users/{address}/login-policy", "/api/v1/users/" + ALICE + "/login-policy",
                "{\"appPasswordsRequired\":true}");
        rows.add(new Row("GET", "/api/v1/suspensions", "/api/v1/suspensions", Kind.FILTERED));
        // aliases
        api(rows, "POST", "/api/v1/aliases", "/api/v1/aliases", "{\"address\":\"info@" + THEIRS + "\",\"targets\":[\"" + BOB + "\"]}");
        rows.add(new Row("GET", "/api/v1/aliases", "/api/v1/aliases", Kind.FILTERED));
        api(rows, "GET", "/api/v1/aliases", "/api/v1/aliases?domain=" + THEIRS, null);
        api(rows, "GET", "/api/v1/aliases/{address}", "/api/v1/aliases/" + SALES, null);
        api(rows, "GET", "/api/v1/aliases/{address}", "/api/v1/aliases/@" + THEIRS, null);
        api(rows, "DELETE", "/api/v1/aliases/{address}", "/api/v1/aliases/" + SALES, null);
        api(rows, "DELETE", "/api/v1/aliases/{address}", "/api/v1/aliases/@" + THEIRS, null);
        // quarantine
        rows.add(new Row("GET", "/api/v1/quarantine", "/api/v1/quarantine?size=500", Kind.FILTERED));
        api(rows, "GET", "/api/v1/quarantine", "/api/v1/quarantine?domain=" + THEIRS, null);
        api(rows, "GET", "/api/v1/quarantine/{id}", "/api/v1/quarantine/" + held, null);
        api(rows, "POST", "/api/v1/quarantine/{id}/release", "/api/v1/quarantine/" + held + "/release", "");
        api(rows, "POST", "/api/v1/quarantine/{id}/learn", "/api/v1/quarantine/" + held + "/learn", "{\"lesson\":\"ham\"}");
        api(rows, "DELETE", "/api/v1/quarantine/{id}", "/api/v1/quarantine/" + held, null);
        // the audit log: their domains' entries only (a suspension of each domain's user is in it)
        rows.add(new Row("GET", "/api/v1/audit", "/api/v1/audit?size=500", Kind.FILTERED));
        api(rows, "GET", "/api/v1/audit", "/api/v1/audit?domain=" + THEIRS, null);
        // the whole server's: queue, figures, settings, administrators
        api(rows, "GET", "/api/v1/queue", "/api/v1/queue", null);
        api(rows, "GET", "/api/v1/queue/{id}", "/api/v1/queue/1", null);
        api(rows, "POST", "/api/v1/queue/{id}/retry", "/api/v1/queue/1/retry", "");
        api(rows, "DELETE", "/api/v1/queue/{id}", "/api/v1/queue/1", null);
        api(rows, "GET", "/api/v1/stats", "/api/v1/stats", null);
        api(rows, "GET", "/api/v1/settings", "/api/v1/settings", null);
        String root = "/api/v1/administrators/" + AdminTestApplication.ADMIN;
        api(rows, "GET", "/api/v1/administrators", "/api/v1/administrators", null);
        api(rows, "POST", "/api/v1/administrators", "/api/v1/administrators", "{\"username\":\"mine\",\"role\":\"server\"}");
        api(rows, "GET", "/api/v1/administrators/{username}", root, null);
        api(rows, "PATCH", "/api/v1/administrators/{username}", "/api/v1/administrators/" + DOMAIN_ADMIN,
                "{\"role\":\"server\"}");
        api(rows, "POST", "/api/v1/administrators/{username}/password", root + "/password", "");
        api(rows, "DELETE", "/api/v1/administrators/{username}/two-factor", root + "/two-factor", null);
        api(rows, "DELETE", "/api/v1/administrators/{username}", root, null);

        // console pages
        page(rows, "/domains/{name}", "/domains/" + THEIRS);
        page(rows, "/domains/{name}/delete", "/domains/" + THEIRS + "/delete");
        rows.add(new Row("GET", "/domains", "/domains", Kind.FILTERED));
        rows.add(new Row("GET", "/users", "/users", Kind.FILTERED));
        page(rows, "/users", "/users?domain=" + THEIRS);
        page(rows, "/users/new", "/users/new?domain=" + THEIRS);
        page(rows, "/users/{address}", "/users/" + ALICE);
        page(rows, "/users/{address}/delete", "/users/" + ALICE + "/delete");
        rows.add(new Row("GET", "/aliases", "/aliases", Kind.FILTERED));
        page(rows, "/aliases", "/aliases?domain=" + THEIRS);
        page(rows, "/aliases/new", "/aliases/new?domain=" + THEIRS);
        page(rows, "/aliases/{address}/delete", "/aliases/" + SALES + "/delete");
        rows.add(new Row("GET", "/quarantine", "/quarantine", Kind.FILTERED));
        page(rows, "/quarantine", "/quarantine?domain=" + THEIRS);
        page(rows, "/quarantine/{id}", "/quarantine/" + held);
        page(rows, "/quarantine/{id}/delete", "/quarantine/" + held + "/delete");
        rows.add(new Row("GET", "/audit", "/audit", Kind.FILTERED));
        page(rows, "/audit", "/audit?domain=" + THEIRS);
        page(rows, "/queue", "/queue");
        page(rows, "/queue/{id}", "/queue/1");
        page(rows, "/queue/{id}/delete", "/queue/1/delete");
        page(rows, "/settings", "/settings");
        page(rows, "/administrators", "/administrators");
        page(rows, "/administrators/{username}", "/administrators/" + AdminTestApplication.ADMIN);
        page(rows, "/administrators/{username}/delete", "/administrators/" + AdminTestApplication.ADMIN + "/delete");
        // console forms
        form(rows, "/domains", "/domains", "name", "new-by-dadmin.example");
        form(rows, "/domains/{name}/postmaster", "/domains/" + THEIRS + "/postmaster", "postmasterTarget", BOB);
        form(rows, "/domains/{name}/postmaster", "/domains/" + OURS + "/postmaster", "postmasterTarget", ALICE);
        form(rows, "/domains/{name}/digest", "/domains/" + THEIRS + "/digest", "on", "false");
        form(rows, "/domains/{name}/mta-sts", "/domains/" + THEIRS + "/mta-sts", "mode", "enforce");
        form(rows, "/domains/{name}/delete", "/domains/" + THEIRS + "/delete", "force", "true");
        form(rows, "/domains/{name}/limits", "/domains/" + THEIRS + "/limits", "messagesPerHour", "1");
        form(rows, "/domains/{name}/senders", "/domains/" + THEIRS + "/senders", "entry", "spam@evil.example", "action", "allow");
        form(rows, "/domains/{name}/senders/delete", "/domains/" + THEIRS + "/senders/delete", "entry", "x@y.example");
        form(rows, "/domains/{name}/spam-policy", "/domains/" + THEIRS + "/spam-policy", "subjectTag", "", "hold", "true");
        form(rows, "/domains/{name}/login-policy", "/domains/" + THEIRS + "/login-policy", "appPasswordsRequired", "true",
                "twoFactorRequired", "true");
        form(rows, "/users/new", "/users/new", "localPart", "eve", "domain", THEIRS, "password", "eve's long secret");
        String alice = "/users/" + ALICE;
        form(rows, "/users/{address}/password", alice + "/password", "password", "taken over, long");
        form(rows, "/users/{address}/quota", alice + "/quota", "quotaAmount", "1", "quotaUnit", "MiB");
        form(rows, "/users/{address}/enabled", alice + "/enabled", "enabled", "false");
        form(rows, "/users/{address}/digest", alice + "/digest", "on", "false");
        form(rows, "/users/{address}/delete", alice + "/delete");
        form(rows, "/users/{address}/limits", alice + "/limits", "messagesPerHour", "1");
        form(rows, "/users/{address}/suspension/lift", alice + "/suspension/lift");
        form(rows, "/users/{address}/senders", alice + "/senders", "entry", "spam@evil.example", "action", "allow");
        form(rows, "/users/{address}/senders/delete", alice + "/senders/delete", "entry", "x@y.example");
        form(rows, "/users/{address}/login-policy", alice + "/login-policy", "appPasswordsRequired", "true");
        form(rows, "/aliases/new", "/aliases/new", "localPart", "info", "domain", THEIRS, "targets", BOB);
        form(rows, "/aliases/new", "/aliases/new", "catchAll", "true", "domain", THEIRS, "targets", BOB);
        form(rows, "/aliases/{address}/delete", "/aliases/" + SALES + "/delete");
        form(rows, "/quarantine/{id}/not-spam", "/quarantine/" + held + "/not-spam");
        form(rows, "/quarantine/{id}/spam", "/quarantine/" + held + "/spam");
        form(rows, "/quarantine/{id}/release", "/quarantine/" + held + "/release");
        form(rows, "/quarantine/{id}/delete", "/quarantine/" + held + "/delete");
        form(rows, "/queue/{id}/retry", "/queue/1/retry");
        form(rows, "/queue/{id}/delete", "/queue/1/delete");
        form(rows, "/administrators", "/administrators", "username", "mine", "role", "server");
        String rootPage = "/administrators/" + AdminTestApplication.ADMIN;
        form(rows, "/administrators/{username}/scope", "/administrators/" + DOMAIN_ADMIN + "/scope", "role", "server");
        form(rows, "/administrators/{username}/password", rootPage + "/password");
        form(rows, "/administrators/{username}/two-factor-required", rootPage + "/two-factor-required", "required", "true");
        form(rows, "/administrators/{username}/two-factor/reset", rootPage + "/two-factor/reset");
        form(rows, "/administrators/{username}/delete", rootPage + "/delete");
        return rows;
    }

    private static void api(List<Row> rows, String method, String pattern, String path, String json) {
        rows.add(new Row(method, pattern, path, Kind.REFUSED, json == null ? new String[0] : new String[] { json }));
    }

    private static void page(List<Row> rows, String pattern, String path) {
        rows.add(new Row("GET", pattern, path, Kind.REFUSED));
    }

    private static void form(List<Row> rows, String pattern, String path, String... fields) {
        rows.add(new Row("POST", pattern, path, Kind.REFUSED, fields));
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> covered = rows().stream().map(Row::key).collect(Collectors.toCollection(TreeSet::new));
        // the dashboard sends a domain administrator on to their domains: see aDomainAdministratorManagesTheirOwnDomain
        covered.add("GET /");
        Set<String> endpoints = new TreeSet<>();
        handlers.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getName().startsWith("org.postroom.admin.")) {
                return;
            }
            if (noDomainData(handler)) {
                assertThat(patterns(info)).as(handler.toString())
                        .allMatch(pattern -> NO_DOMAIN_DATA_PATHS.stream().anyMatch(pattern::startsWith));
                return;
            }
            for (String method : methods(info)) {
                patterns(info).forEach(pattern -> endpoints.add(method + " " + pattern));
            }
        });
        assertThat(covered).containsExactlyInAnyOrderElementsOf(endpoints);
    }

    @Test
    void aDomainAdministratorCanNeitherSeeNorChangeAnotherDomain() {
        WebVisitor api = WebVisitor.basic(port, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD);
        WebVisitor console = WebVisitor.anonymous(port);
        assertThat(console.logInToConsole(DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));

        for (Row row : rows()) {
            String before = DatabaseSnapshot.of(db);
            HttpResponse<String> response = row.path().startsWith("/api/") ? callApi(api, row) : callConsole(console, row);
            if (row.kind() == Kind.REFUSED) {
                assertThat(response.statusCode()).as(row.method() + " " + row.path()).isIn(403, 404);
            } else {
                assertThat(response.statusCode()).as(row.method() + " " + row.path()).isEqualTo(200);
                assertThat(response.body()).as(row.method() + " " + row.path()).doesNotContain(THEIRS).contains(OURS);
            }
            assertThat(DatabaseSnapshot.of(db)).as("the database after " + row.method() + " " + row.path())
                    .isEqualTo(before);
        }
    }

    @Test
    void aDomainAdministratorManagesTheirOwnDomain() throws Exception {
        long ourHeldMessage = DmarcHold.hold(quarantine, db, MESSAGE, BOB);
        WebVisitor api = WebVisitor.basic(port, DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD);

        assertThat(api.postJson("/api/v1/users", "{\"address\":\"carol@" + OURS + "\",\"password\":\"carol's long secret\"}")
                .statusCode()).isEqualTo(201);
        assertThat(api.patchJson("/api/v1/users/carol@" + OURS, "{\"quotaBytes\":1000000}").statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/v1/users?domain=" + OURS)).get("total").asLong()).isEqualTo(2);
        assertThat(api.patchJson("/api/v1/users/carol@" + OURS + "/limits", "{\"messagesPerHour\":7}").statusCode())
                .isEqualTo(200);
        assertThat(api.patchJson("/api/v1/domains/" + OURS + "/limits", "{\"messagesPerDay\":70}").statusCode())
                .isEqualTo(200);
        assertThat(api.postJson("/api/v1/aliases", "{\"address\":\"info@" + OURS + "\",\"targets\":[\"carol@" + OURS + "\"]}")
                .statusCode()).isEqualTo(201);
        assertThat(api.putJson("/api/v1/domains/" + OURS + "/spam-policy", "{\"subjectTag\":\"[S]\",\"hold\":false}")
                .statusCode()).isEqualTo(200);
        assertThat(api.putJson("/api/v1/domains/" + OURS + "/login-policy",
                "{\"appPasswordsRequired\":false,\"twoFactorRequired\":false}").statusCode()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/domains/" + OURS + "/senders", "{\"entry\":\"news@partner.example\",\"action\":\"allow\"}")
                .statusCode()).isEqualTo(201);
        JsonNode domainList = json(api.get("/api/v1/domains"));
        assertThat(domainList).hasSize(1);
        assertThat(domainList.get(0).get("name").asString()).isEqualTo(OURS);
        assertThat(api.get("/api/v1/quarantine/" + ourHeldMessage).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/quarantine/" + ourHeldMessage + "/release", "application/json", "").statusCode())
                .isEqualTo(200);
        assertThat(users.find(BOB).orElseThrow().messageCount()).isEqualTo(1);
        // a message held for both domains is not theirs alone to release
        long shared = DmarcHold.hold(quarantine, db, MESSAGE, BOB, ALICE);
        assertThat(api.post("/api/v1/quarantine/" + shared + "/release", "application/json", "").statusCode())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/users/carol@" + OURS).statusCode()).isEqualTo(204);
        assertThat(users.find("carol@" + OURS)).isEmpty();

        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(DOMAIN_ADMIN, DOMAIN_ADMIN_PASSWORD);
        HttpResponse<String> dashboard = console.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location").orElseThrow()).endsWith("/domains");
        String domainsPage = console.get("/domains").body();
        assertThat(domainsPage).contains(OURS).doesNotContain(THEIRS).doesNotContain("href=\"/queue\"")
                .doesNotContain("href=\"/settings\"").doesNotContain("href=\"/administrators\"")
                .doesNotContain("Add a domain");
        HttpResponse<String> created = console.submitForm("/users/new", "/users/new", "localPart", "dave", "domain", OURS,
                "password", "dave's long secret");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(users.find("dave@" + OURS)).isPresent();
    }

    private static HttpResponse<String> callApi(WebVisitor api, Row row) {
        String json = row.body().length == 0 ? null : row.body()[0];
        return switch (row.method()) {
            case "GET" -> api.get(row.path());
            case "DELETE" -> api.delete(row.path());
            case "POST" -> api.postJson(row.path(), json);
            case "PUT" -> api.putJson(row.path(), json);
            case "PATCH" -> api.patchJson(row.path(), json);
            default -> throw new AssertionError(row.method());
        };
    }

    private static HttpResponse<String> callConsole(WebVisitor console, Row row) {
        return "GET".equals(row.method()) ? console.get(row.path()) : console.submitForm("/domains", row.path(), row.body());
    }

    private static boolean noDomainData(HandlerMethod handler) {
        return handler.hasMethodAnnotation(NoDomainData.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), NoDomainData.class);
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPathPatternsCondition().getPatternValues();
    }

    private static List<String> methods(RequestMappingInfo info) {
        return info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
    }
}
