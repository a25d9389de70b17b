package org.postroom.admin.alias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.Database;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** /api/v1/aliases over real HTTP against the running application and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AliasApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AliasRepository aliases;
    @Autowired
    Database database;

    private WebVisitor admin;
    private String domain;

    @BeforeEach
    void createDomain() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "aliases" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        users.create("alice@" + domain, "correct horse battery", null);
    }

    @Test
    void anAliasWithLocalAndExternalTargetsDeliversToThem() {
        HttpResponse<String> created = admin.postJson("/api/v1/aliases", "{\"address\":\"sales@" + domain
                + "\",\"targets\":[\"alice@" + domain + "\",\"bob@partner.example\"]}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/aliases/sales@" + domain);
        JsonNode alias = json(created);
        assertThat(alias.get("catchAll").asBoolean()).isFalse();
        assertThat(alias.get("targets").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("alice@" + domain, "bob@partner.example");
        RecipientResolution resolution = new MailDirectory(database).resolve("sales@" + domain);
        assertThat(resolution).isInstanceOf(RecipientResolution.Deliverable.class);
        assertThat(((RecipientResolution.Deliverable) resolution).remoteAddresses()).containsExactly("bob@partner.example");
    }

    @Test
    void theCatchAllIsTheDomainWithoutALocalPart() {
        JsonNode alias = json(admin.postJson("/api/v1/aliases",
                "{\"address\":\"@" + domain + "\",\"targets\":[\"alice@" + domain + "\"]}"));

        assertThat(alias.get("address").asString()).isEqualTo("@" + domain);
        assertThat(alias.get("catchAll").asBoolean()).isTrue();
        assertThat(json(admin.get("/api/v1/aliases/@" + domain)).get("catchAll").asBoolean()).isTrue();
    }

    @Test
    void aliasesAreListedByDomain() {
        aliases.create("info@" + domain, List.of("alice@" + domain));
        aliases.create("help@" + domain, List.of("alice@" + domain));

        JsonNode listed = json(admin.get("/api/v1/aliases?domain=" + domain));

        assertThat(listed.findValuesAsString("address")).containsExactly("help@" + domain, "info@" + domain);
        assertThat(json(admin.get("/api/v1/aliases")).findValuesAsString("address")).contains("info@" + domain);
    }

    @Test
    void badAliasesAreRefusedWithTheReason() {
        assertRefused("{\"address\":\"x@" + domain + "\",\"targets\":[]}", 400, "at least one target");
        assertRefused("{\"address\":\"x@" + domain + "\"}", 400, "at least one target");
        assertRefused("{\"address\":\"x@" + domain + "\",\"targets\":[\"not-an-address\"]}", 400, "needs a domain");
        assertRefused("{\"address\":\"x@nowhere.example\",\"targets\":[\"alice@" + domain + "\"]}", 400,
                "not one of this server's domains");
        assertRefused("{\"address\":\"alice@" + domain + "\",\"targets\":[\"bob@partner.example\"]}", 409,
                "a user alice@" + domain + " exists");
        aliases.create("dup@" + domain, List.of("alice@" + domain));
        assertRefused("{\"address\":\"dup@" + domain + "\",\"targets\":[\"bob@partner.example\"]}", 409, "exists already");
    }

    @Test
    void aDeletedAliasIsGoneAndUnknownOnesAre404() {
        aliases.create("old@" + domain, List.of("alice@" + domain));

        assertThat(admin.delete("/api/v1/aliases/old@" + domain).statusCode()).isEqualTo(204);

        assertThat(admin.get("/api/v1/aliases/old@" + domain).statusCode()).isEqualTo(404);
        HttpResponse<String> again = admin.delete("/api/v1/aliases/old@" + domain);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again).get("detail").asString()).contains("old@" + domain);
    }

    private void assertRefused(String body, int status, String reason) {
        HttpResponse<String> response = admin.postJson("/api/v1/aliases", body);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(json(response).get("detail").asString()).as(body).contains(reason);
    }
}
