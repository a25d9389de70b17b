package org.postroom.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.WebVisitor.json;

import java.net.IDN;
import java.net.http.HttpResponse;
import java.util.List;
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

import tools.jackson.databind.JsonNode;

/** /api/v1/domains over real HTTP against the running application and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DomainApiTest {

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
        name = "domains" + NAMES.incrementAndGet() + ".example";
    }

    @Test
    void anAddedDomainIsCreatedWithItsLocationAndShownInTheList() {
        HttpResponse<String> created = admin.postJson("/api/v1/domains", "{\"name\":\"" + name.toUpperCase() + "\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/domains/" + name);
        JsonNode domain = json(created);
        assertThat(domain.get("name").asString()).isEqualTo(name);
        assertThat(domain.get("dkimSelector").asString()).isEqualTo("postroom");
        assertThat(domain.get("dkimRecord").asString()).startsWith("v=DKIM1; k=rsa; p=MII");
        assertThat(domain.get("users").asLong()).isZero();
        assertThat(json(admin.get("/api/v1/domains")).findValuesAsString("name")).contains(name);
        assertThat(json(admin.get("/api/v1/domains/" + name)).get("name").asString()).isEqualTo(name);
    }

    @Test
    void anInternationalisedNameIsStoredInPunycodeAndShownInUnicode() {
        String unicode = "bücher-" + name;

        JsonNode domain = json(admin.postJson("/api/v1/domains", "{\"name\":\"" + unicode + "\"}"));

        assertThat(domain.get("name").asString()).isEqualTo(IDN.toASCII(unicode)).startsWith("xn--");
        assertThat(domain.get("displayName").asString()).isEqualTo(unicode);
        assertThat(admin.get("/api/v1/domains/" + IDN.toASCII(unicode)).statusCode()).isEqualTo(200);
    }

    @Test
    void theDkimPrivateKeyIsNeverReturned() {
        admin.postJson("/api/v1/domains", "{\"name\":\"" + name + "\"}");
        String privateKey = domains.signingKey(name).orElseThrow().privateKeyPkcs8();

        for (String path : List.of("/api/v1/domains", "/api/v1/domains/" + name, "/api/v1/domains/" + name + "/dns")) {
            assertThat(admin.get(path).body()).as(path).doesNotContain(privateKey.substring(0, 60))
                    .doesNotContainIgnoringCase("private");
        }
    }

    @Test
    void badNamesAreRefusedWith400AndTheReason() {
        HttpResponse<String> refused = admin.postJson("/api/v1/domains", "{\"name\":\"exa mple.com\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).get("detail").asString()).contains("not a valid domain name");
        assertThat(admin.postJson("/api/v1/domains", "{}").statusCode()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/domains", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void aDuplicateIsAConflict() {
        admin.postJson("/api/v1/domains", "{\"name\":\"" + name + "\"}");

        HttpResponse<String> again = admin.postJson("/api/v1/domains", "{\"name\":\"" + name + ".\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("detail").asString()).contains("exists already");
    }

    @Test
    void unknownDomainsAre404() {
        for (HttpResponse<String> response : List.of(admin.get("/api/v1/domains/nowhere.example"),
                admin.get("/api/v1/domains/nowhere.example/dns"), admin.delete("/api/v1/domains/nowhere.example"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("detail").asString()).contains("nowhere.example");
        }
    }

    @Test
    void aDomainWithUsersIsDeletedOnlyWhenForced() {
        domains.create(name);
        users.create("alice@" + name, "correct horse battery", null);

        HttpResponse<String> refused = admin.delete("/api/v1/domains/" + name);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asString()).contains("1 users");

        assertThat(admin.delete("/api/v1/domains/" + name + "?force=true").statusCode()).isEqualTo(204);
        assertThat(admin.get("/api/v1/domains/" + name).statusCode()).isEqualTo(404);
        assertThat(users.find("alice@" + name)).isEmpty();
    }

    @Test
    void theDnsRecordsPointMailAndClientsAtThisServer() {
        domains.create(name);

        JsonNode records = json(admin.get("/api/v1/domains/" + name + "/dns"));

        assertThat(record(records, "MX", name)).isEqualTo("10 mail.example.net.");
        assertThat(record(records, "TXT", name)).isEqualTo("v=spf1 mx -all");
        assertThat(record(records, "TXT", "postroom._domainkey." + name))
                .isEqualTo(domains.find(name).orElseThrow().dkimRecord().value());
        assertThat(record(records, "TXT", "_dmarc." + name)).startsWith("v=DMARC1; p=quarantine");
        assertThat(record(records, "CNAME", "autoconfig." + name)).isEqualTo("mail.example.net.");
        assertThat(record(records, "CNAME", "autodiscover." + name)).isEqualTo("mail.example.net.");
        assertThat(record(records, "SRV", "_submissions._tcp." + name)).isEqualTo("0 1 465 mail.example.net.");
        assertThat(record(records, "SRV", "_submission._tcp." + name)).isEqualTo("0 1 587 mail.example.net.");
        assertThat(record(records, "SRV", "_pop3s._tcp." + name)).isEqualTo("0 1 995 mail.example.net.");
        records.forEach(record -> assertThat(record.get("purpose").asString()).isNotBlank());
    }

    private static String record(JsonNode records, String type, String name) {
        for (JsonNode record : records) {
            if (record.get("type").asString().equals(type) && record.get("name").asString().equals(name)) {
                return record.get("value").asString();
            }
        }
        throw new AssertionError("no " + type + " record for " + name + " in " + records);
    }
}
