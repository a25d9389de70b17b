package org.postroom.admin.antispam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.spam.SpamPolicies;
import org.postroom.storage.spam.SpamPolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A domain's spam policy through the API and the console's form on the domain's page, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SpamPolicyTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    SpamPolicies policies;

    private String domain;

    @BeforeEach
    void createDomain() {
        domain = "policy" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
    }

    @Test
    void theApiReadsTheDefaultAndSetsAPolicy() {
        WebVisitor admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        String path = "/api/v1/domains/" + domain + "/spam-policy";

        assertThat(json(admin.get(path)).get("subjectTag").asString()).isEqualTo("[SPAM]");
        HttpResponse<String> set = admin.putJson(path, "{\"subjectTag\":\"***JUNK***\",\"hold\":true}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(policies.of(domain)).isEqualTo(new SpamPolicy("***JUNK***", true));
        assertThat(json(admin.get(path)).get("hold").asBoolean()).isTrue();
    }

    @Test
    void aBadTagIs400AndAnUnknownDomain404() {
        WebVisitor admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        HttpResponse<String> tooLong = admin.putJson("/api/v1/domains/" + domain + "/spam-policy",
                "{\"subjectTag\":\"" + "x".repeat(65) + "\",\"hold\":false}");
        HttpResponse<String> unknown = admin.get("/api/v1/domains/nowhere.example/spam-policy");

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(policies.of(domain)).isEqualTo(SpamPolicy.DEFAULT);
    }

    @Test
    void theDomainPageSetsThePolicy() {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(browser.get("/domains/" + domain).body()).contains("id=\"subjectTag\"").contains("value=\"[SPAM]\"");

        HttpResponse<String> answer = browser.submitForm("/domains/" + domain, "/domains/" + domain + "/spam-policy",
                "subjectTag", "", "hold", "true");

        assertThat(browser.redirectedPage(answer)).contains("Spam for " + domain + " is held in the quarantine now.");
        assertThat(policies.of(domain)).isEqualTo(new SpamPolicy("", true));
    }
}
