package org.postroom.admin.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.ProblemResponses.assertProblem;
import static org.postroom.admin.WebVisitor.json;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderLists;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** /api/v1/domains/{name}/senders and /api/v1/users/{address}/senders over real HTTP and a real PostgreSQL. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SenderListApiTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    SenderLists lists;

    private WebVisitor admin;
    private String domain;
    private String alice;

    @BeforeEach
    void createDomain() {
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "senders" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "correct horse battery", null);
    }

    @Test
    void anEntryIsAddedListedChangedAndRemovedOnADomainsList() throws Exception {
        String path = "/api/v1/domains/" + domain + "/senders";
        HttpResponse<String> created = admin.postJson(path, "{\"entry\":\"@Spam.Example\",\"action\":\"block\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(path + "?entry=@spam.example");
        assertThat(json(created).get("entry").asString()).isEqualTo("@spam.example");
        assertThat(json(created).get("action").asString()).isEqualTo("block");

        JsonNode list = json(admin.get(path));
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("entry").asString()).isEqualTo("@spam.example");
        assertThat(lists.match("bob@" + domain, "x@spam.example", InetAddress.getByName("192.0.2.1"))).isPresent();

        HttpResponse<String> changed = admin.postJson(path, "{\"entry\":\"@spam.example\",\"action\":\"allow\"}");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).get("action").asString()).isEqualTo("allow");

        assertThat(admin.delete(path + "?entry=" + WebVisitor.encode("@spam.example")).statusCode()).isEqualTo(204);
        assertThat(json(admin.get(path)).size()).isZero();
        HttpResponse<String> again = admin.delete(path + "?entry=" + WebVisitor.encode("@spam.example"));
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aUsersListTakesNetworksAndIsTheUsersOwn() throws Exception {
        String path = "/api/v1/users/" + alice + "/senders";
        HttpResponse<String> created = admin.postJson(path, "{\"entry\":\"2001:DB8::/32\",\"action\":\"block\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("entry").asString()).isEqualTo("2001:db8::/32");
        assertThat(created.headers().firstValue("Location")).hasValue(path + "?entry=2001:db8::/32");
        assertThat(json(admin.get("/api/v1/domains/" + domain + "/senders")).size()).isZero();
        assertThat(lists.list(org.postroom.storage.senders.SenderList.ofUser(alice))).singleElement()
                .satisfies(rule -> assertThat(rule.action()).isEqualTo(SenderAction.BLOCK));
        assertThat(admin.delete(path + "?entry=" + WebVisitor.encode("2001:0db8::0/32")).statusCode()).isEqualTo(204);
    }

    @Test
    void badEntriesAndActionsAreProblemsThatSayWhy() {
        String path = "/api/v1/domains/" + domain + "/senders";
        assertProblem(admin.postJson(path, "{\"entry\":\"not an entry\",\"action\":\"block\"}"), 400,
                "not a sender address, @domain, IP address or network");
        assertProblem(admin.postJson(path, "{\"entry\":\"192.0.2.0/33\",\"action\":\"block\"}"), 400, "192.0.2.0/33");
        assertProblem(admin.postJson(path, "{\"entry\":\"a@b.example\",\"action\":\"deny\"}"), 400, "allow or block");
        assertProblem(admin.postJson(path, "{\"entry\":\"a@b.example\"}"), 400, "allow or block");
        assertProblem(admin.postJson(path, "{\"action\":\"block\"}"), 400, "sender entry is empty");
        assertProblem(admin.postJson(path, "not json"), 400, "");
        assertProblem(admin.delete(path + "?entry=" + WebVisitor.encode("@")), 400, "");
        assertThat(json(admin.get(path)).size()).isZero();
    }

    @Test
    void unknownDomainsAndUsersAreNotFound() {
        assertProblem(admin.get("/api/v1/domains/missing.example/senders"), 404, "no domain missing.example");
        assertProblem(admin.postJson("/api/v1/users/nobody@" + domain + "/senders",
                "{\"entry\":\"a@b.example\",\"action\":\"block\"}"), 404, "no user nobody@" + domain);
    }

    @Test
    void theListsNeedAnAdministrator() {
        WebVisitor anonymous = WebVisitor.anonymous(port);
        assertThat(anonymous.get("/api/v1/domains/" + domain + "/senders").statusCode()).isEqualTo(401);
        assertThat(anonymous.postJson("/api/v1/users/" + alice + "/senders",
                "{\"entry\":\"a@b.example\",\"action\":\"block\"}").statusCode()).isEqualTo(401);
    }
}
