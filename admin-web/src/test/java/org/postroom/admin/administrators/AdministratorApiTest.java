package org.postroom.admin.administrators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.admin.security.AuthenticatorApp;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** The administrators' endpoints over real HTTP, as a server administrator, with what storage really holds. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdministratorApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    SecondFactors factors;

    private WebVisitor root;
    private String domain;
    private String clerk;

    @BeforeEach
    void aDomain() {
        root = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        int n = NAMES.incrementAndGet();
        domain = "admins" + n + ".example";
        domains.create(domain);
        clerk = "clerk" + n;
    }

    @Test
    void aDomainAdministratorIsCreatedWithAGeneratedPasswordTheyMustChange() {
        HttpResponse<String> created = root.postJson("/api/v1/administrators",
                "{\"username\":\"" + clerk + "\",\"role\":\"domain\",\"domains\":[\"" + domain.toUpperCase() + "\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/administrators/" + clerk);
        JsonNode body = json(created);
        String password = body.get("password").asString();
        assertThat(password).hasSize(20);
        assertThat(body.get("administrator").get("role").asString()).isEqualTo("domain");
        assertThat(body.get("administrator").get("domains").get(0).asString()).isEqualTo(domain);
        assertThat(body.get("administrator").get("mustChangePassword").asBoolean()).isTrue();
        assertThat(body.toString()).doesNotContain("hash");
        // the generated password opens nothing but the page where they choose their own
        assertThat(WebVisitor.basic(port, clerk, password).get("/api/v1/domains").statusCode()).isEqualTo(403);
        assertThat(admins.mustChangePassword(clerk)).isTrue();

        JsonNode listed = json(root.get("/api/v1/administrators"));
        assertThat(listed.valueStream().map(a -> a.get("username").asString())).contains(clerk, AdminTestApplication.ADMIN);
    }

    @Test
    void roleDomainsAndTwoFactorChangeAndAResetPasswordMustBeChangedAgain() {
        root.postJson("/api/v1/administrators", "{\"username\":\"" + clerk + "\",\"role\":\"server\"}");
        admins.changePassword(clerk, "clerk's own password");

        JsonNode changed = json(root.patchJson("/api/v1/administrators/" + clerk,
                "{\"role\":\"domain\",\"domains\":[\"" + domain + "\"],\"twoFactorRequired\":true}"));
        assertThat(changed.get("role").asString()).isEqualTo("domain");
        assertThat(changed.get("twoFactorRequired").asBoolean()).isTrue();
        assertThat(admins.scope(clerk).orElseThrow().domains()).containsExactly(domain);
        assertThat(admins.twoFactorRequired(clerk)).isTrue();

        HttpResponse<String> reset = root.post("/api/v1/administrators/" + clerk + "/password", "application/json", "");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(admins.mustChangePassword(clerk)).isTrue();
        assertThat(WebVisitor.basic(port, clerk, "clerk's own password").get("/api/v1/domains").statusCode()).isEqualTo(401);
        assertThat(WebVisitor.basic(port, clerk, json(reset).get("password").asString()).get("/api/v1/domains")
                .statusCode()).isEqualTo(403);
    }

    @Test
    void anAdministratorWhoseSecondFactorIsRequiredEnrolsAtTheNextSignIn() {
        admins.create(clerk, "clerk's own password");
        assertThat(root.patchJson("/api/v1/administrators/" + clerk, "{\"twoFactorRequired\":true}").statusCode())
                .isEqualTo(200);

        WebVisitor browser = WebVisitor.anonymous(port);
        HttpResponse<String> login = browser.logInToConsole(clerk, "clerk's own password");

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/two-factor"));
        assertThat(browser.get("/domains").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/two-factor"));
        // and removing theirs (a lost phone) leaves the rule: they enrol again
        assertThat(root.delete("/api/v1/administrators/" + clerk + "/two-factor").statusCode()).isEqualTo(204);
        assertThat(admins.twoFactorRequired(clerk)).isTrue();
    }

    @Test
    void aSecondFactorIsRemovedSoThatTheyEnrolAgain() {
        admins.create(clerk, "clerk's own password");
        factors.enrol(SecondFactorOwner.admin(clerk), "JBSWY3DPEHPK3PXP", new AuthenticatorApp("JBSWY3DPEHPK3PXP").nextCode());
        assertThat(json(root.get("/api/v1/administrators/" + clerk)).get("twoFactorEnrolled").asBoolean()).isTrue();

        assertThat(root.delete("/api/v1/administrators/" + clerk + "/two-factor").statusCode()).isEqualTo(204);

        assertThat(factors.isEnrolled(SecondFactorOwner.admin(clerk))).isFalse();
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() {
        assertProblem(root.postJson("/api/v1/administrators", "{\"username\":\"" + clerk + "\",\"role\":\"owner\"}"),
                400, "role must be server or domain");
        assertProblem(root.postJson("/api/v1/administrators", "{\"username\":\"" + clerk + "\",\"role\":\"domain\"}"),
                400, "at least one domain");
        assertProblem(root.postJson("/api/v1/administrators",
                "{\"username\":\"" + clerk + "\",\"role\":\"domain\",\"domains\":[\"nowhere.example\"]}"), 400, "nowhere.example");
        assertProblem(root.postJson("/api/v1/administrators",
                "{\"username\":\"" + clerk + "\",\"role\":\"server\",\"domains\":[\"" + domain + "\"]}"), 400, "no domains");
        assertProblem(root.postJson("/api/v1/administrators", "{\"username\":\"two words\",\"role\":\"server\"}"),
                400, "an administrator's name");
        assertProblem(root.postJson("/api/v1/administrators",
                "{\"username\":\"" + AdminTestApplication.ADMIN + "\",\"role\":\"server\"}"), 409, "exists already");
        assertProblem(root.get("/api/v1/administrators/nobody-here"), 404, "no administrator nobody-here");
        assertProblem(root.patchJson("/api/v1/administrators/" + AdminTestApplication.ADMIN,
                "{\"domains\":[\"" + domain + "\"]}"), 400, "domains need a role");
        assertThat(admins.scope(clerk)).isEmpty();
    }

    @Test
    void nobodyDeletesThemselvesAndOthersAreDeleted() {
        admins.create(clerk, "clerk's own password");

        assertProblem(root.delete("/api/v1/administrators/" + AdminTestApplication.ADMIN), 409, "yourself");
        assertThat(root.delete("/api/v1/administrators/" + clerk).statusCode()).isEqualTo(204);

        assertThat(admins.scope(clerk)).isEmpty();
        assertThat(WebVisitor.basic(port, clerk, "clerk's own password").get("/api/v1/domains").statusCode()).isEqualTo(401);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("detail").asString()).contains(detail);
    }
}
