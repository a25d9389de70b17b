package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser that has HTTP Basic credentials for the API sends them with every request, also with
 * one that a page of another site makes it send: such a request may read nothing and change
 * nothing. Scripts (no Origin, no Sec-Fetch-Site) and this server's own pages are not affected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CrossSiteApiTest {

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;

    private WebVisitor admin() {
        return WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }

    @Test
    void aChangeSentByAnotherSitesPageIsRefusedWith403() {
        domains.create("kept.example");
        WebVisitor evilOrigin = admin().withHeaders("Origin", "https://evil.example");
        WebVisitor crossSite = admin().withHeaders("Sec-Fetch-Site", "cross-site");
        WebVisitor sameSite = admin().withHeaders("Sec-Fetch-Site", "same-site");
        WebVisitor opaqueOrigin = admin().withHeaders("Origin", "null");

        for (HttpResponse<String> refused : List.of(
                evilOrigin.postJson("/api/v1/domains", "{\"name\":\"forged1.example\"}"),
                crossSite.postJson("/api/v1/domains", "{\"name\":\"forged2.example\"}"),
                sameSite.postJson("/api/v1/domains", "{\"name\":\"forged3.example\"}"),
                opaqueOrigin.postJson("/api/v1/domains", "{\"name\":\"forged4.example\"}"),
                evilOrigin.delete("/api/v1/domains/kept.example"),
                crossSite.patchJson("/api/v1/users/nobody@kept.example", "{\"enabled\":false}"))) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(WebVisitor.json(refused).get("detail").asString()).contains("another site");
        }
        assertThat(domains.find("forged1.example")).isEmpty();
        assertThat(domains.find("forged2.example")).isEmpty();
        assertThat(domains.find("forged3.example")).isEmpty();
        assertThat(domains.find("forged4.example")).isEmpty();
        assertThat(domains.find("kept.example")).isPresent();
    }

    @Test
    void theRefusalComesBeforeAnyPasswordIsChecked() {
        HttpResponse<String> forged = WebVisitor.basic(port, AdminTestApplication.ADMIN, "a wrong guess")
                .withHeaders("Sec-Fetch-Site", "cross-site").postJson("/api/v1/domains", "{\"name\":\"x.example\"}");

        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void scriptsThisServersPagesAndReadsStillWork() {
        String self = "http://127.0.0.1:" + port;

        assertThat(admin().postJson("/api/v1/domains", "{\"name\":\"script.example\"}").statusCode())
                .as("curl sends neither Origin nor Sec-Fetch-Site").isEqualTo(201);
        assertThat(admin().withHeaders("Origin", self).postJson("/api/v1/domains", "{\"name\":\"page.example\"}")
                .statusCode()).as("an older browser on this server's page").isEqualTo(201);
        assertThat(admin().withHeaders("Sec-Fetch-Site", "same-origin", "Origin", self)
                .delete("/api/v1/domains/page.example").statusCode()).isEqualTo(204);
        assertThat(admin().withHeaders("Sec-Fetch-Site", "none").delete("/api/v1/domains/script.example")
                .statusCode()).as("typed into the address bar").isEqualTo(204);
        assertThat(admin().withHeaders("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
                .get("/api/v1/domains").statusCode()).as("reading changes nothing").isEqualTo(200);
    }
}
