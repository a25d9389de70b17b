package org.postroom.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.ProblemResponses.assertProblem;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A domain's postmaster target through /api/v1/domains: given when it is added, changed and removed later. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PostmasterTargetApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;

    private WebVisitor admin;
    private String name;

    @BeforeEach
    void logIn() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        name = "postmaster" + NAMES.incrementAndGet() + ".example";
    }

    @Test
    void aTargetGivenWhenTheDomainIsAddedIsShownAndChangedLater() {
        HttpResponse<String> created = admin.postJson("/api/v1/domains",
                "{\"name\":\"" + name + "\",\"postmasterTarget\":\"NOC@provider.example\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("postmasterTarget").asString()).isEqualTo("noc@provider.example");

        users.create("alice@" + name, "correct horse battery", null);
        HttpResponse<String> changed = admin.patchJson("/api/v1/domains/" + name,
                "{\"postmasterTarget\":\"alice@" + name + "\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(admin.get("/api/v1/domains/" + name)).get("postmasterTarget").asString())
                .isEqualTo("alice@" + name);

        HttpResponse<String> removed = admin.patchJson("/api/v1/domains/" + name, "{\"postmasterTarget\":null}");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).get("postmasterTarget").isNull()).isTrue();
        assertThat(domains.find(name).orElseThrow().postmasterTarget()).isNull();
    }

    @Test
    void aDomainAddedWithoutTargetHasNone() {
        HttpResponse<String> created = admin.postJson("/api/v1/domains", "{\"name\":\"" + name + "\"}");
        assertThat(json(created).get("postmasterTarget").isNull()).isTrue();
        assertThat(domains.withUnattendedRoleAddresses()).contains(name);
    }

    @Test
    void aLocalTargetThatIsNoUserOrAliasAndBadBodiesAreRefusedWithTheReason() {
        assertProblem(admin.postJson("/api/v1/domains", "{\"name\":\"" + name + "\",\"postmasterTarget\":\"pm@" + name
                + "\"}"), 400, "no user or alias");
        assertThat(domains.find(name)).isEmpty();
        domains.create(name);
        assertProblem(admin.patchJson("/api/v1/domains/" + name, "{\"postmasterTarget\":\"nobody@" + name + "\"}"), 400,
                "nobody@" + name);
        assertProblem(admin.patchJson("/api/v1/domains/" + name, "{\"postmasterTarget\":\"no address\"}"), 400, "");
        assertProblem(admin.patchJson("/api/v1/domains/" + name, "{\"postmasterTarget\":42}"), 400,
                "an address or null");
        assertProblem(admin.patchJson("/api/v1/domains/" + name, "{\"name\":\"other.example\"}"), 400, "unknown field");
        assertProblem(admin.patchJson("/api/v1/domains/" + name, "{}"), 400, "nothing to change");
        assertProblem(admin.patchJson("/api/v1/domains/missing.example", "{\"postmasterTarget\":null}"), 404,
                "no domain missing.example");
        assertThat(domains.find(name).orElseThrow().postmasterTarget()).isNull();
    }
}
