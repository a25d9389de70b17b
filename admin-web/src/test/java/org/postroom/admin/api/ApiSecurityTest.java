package org.postroom.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Only administrators use the API: 401 without a valid login, 403 for a mail user's valid login. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiSecurityTest {

    private static final List<String> ENDPOINTS = List.of("/api/v1/domains", "/api/v1/users", "/api/v1/aliases",
            "/api/v1/queue", "/api/v1/quarantine", "/api/v1/stats", "/api/v1/settings");

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;

    @Test
    void withoutCredentialsEveryEndpointAsksForBasicAuthentication() {
        WebVisitor anonymous = WebVisitor.anonymous(port);
        for (String path : ENDPOINTS) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic realm="));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
            assertThat(json(response).get("status").asInt()).isEqualTo(401);
        }
        assertThat(anonymous.postJson("/api/v1/domains", "{\"name\":\"sneaky.example\"}").statusCode()).isEqualTo(401);
        assertThat(domains.find("sneaky.example")).isEmpty();
    }

    @Test
    void aWrongPasswordIs401AndSetsNoSession() {
        HttpResponse<String> response = WebVisitor.basic(port, AdminTestApplication.ADMIN, "wrong password 1")
                .get("/api/v1/domains");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aMailUsersValidLoginIsForbidden() {
        domains.create("apisecurity.example");
        users.create("mallory@apisecurity.example", "correct horse battery", null);
        WebVisitor user = WebVisitor.basic(port, "mallory@apisecurity.example", "correct horse battery");

        for (String path : ENDPOINTS) {
            HttpResponse<String> response = user.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(json(response).get("detail").asString()).contains("only administrators");
        }
        assertThat(user.delete("/api/v1/domains/apisecurity.example").statusCode()).isEqualTo(403);
        assertThat(domains.find("apisecurity.example")).isPresent();
    }

    @Test
    void anAdministratorIsServedWithoutASessionCookie() {
        HttpResponse<String> response = WebVisitor.basic(port, AdminTestApplication.ADMIN,
                AdminTestApplication.ADMIN_PASSWORD).get("/api/v1/domains");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theOpenApiDescriptionCoversEveryEndpoint() {
        HttpResponse<String> response = WebVisitor.anonymous(port).get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        var paths = json(response).get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/domains", "/api/v1/domains/{name}",
                "/api/v1/domains/{name}/dns", "/api/v1/users", "/api/v1/users/{address}", "/api/v1/aliases",
                "/api/v1/aliases/{address}", "/api/v1/queue", "/api/v1/queue/{id}", "/api/v1/queue/{id}/retry",
                "/api/v1/quarantine", "/api/v1/quarantine/{id}", "/api/v1/quarantine/{id}/release",
                "/api/v1/quarantine/{id}/learn", "/api/v1/domains/{name}/spam-policy", "/api/v1/stats",
                "/api/v1/settings", "/api/v1/users/{address}/limits", "/api/v1/domains/{name}/limits",
                "/api/v1/suspensions", "/api/v1/users/{address}/suspension");
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/v1/"));
        assertThat(json(response).get("components").get("securitySchemes").get("administrator").get("scheme").asString())
                .isEqualTo("basic");
    }
}
