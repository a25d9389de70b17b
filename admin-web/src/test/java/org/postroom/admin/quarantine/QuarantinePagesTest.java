package org.postroom.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The quarantine pages over real HTTP, their forms posted with CSRF tokens as a browser posts them;
 * a held message's HTML is shown as escaped text, never as markup.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class QuarantinePagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String HOSTILE = """
            Subject: <img src=x onerror=alert(1)> invoice\r
            From: "<b>Bank</b>" <ceo@bank.example>\r
            Content-Type: text/html\r
            \r
            <script>alert('owned')</script><a href="javascript:alert(2)">Pay</a>\r
            """;

    @LocalServerPort
    int port;
    @Autowired
    Quarantine quarantine;
    @Autowired
    Database db;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;

    private WebVisitor browser;
    private String alice;

    @BeforeEach
    void logIn() {
        browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        String domain = "held" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "correct horse battery", null);
    }

    @Test
    void aHeldMessagesMarkupIsShownAsEscapedText() throws IOException {
        long id = DmarcHold.hold(quarantine, db, HOSTILE, alice);

        String list = browser.get("/quarantine").body();
        String detail = browser.get("/quarantine/" + id).body();

        assertThat(list).contains("&lt;img src=x onerror=alert(1)&gt; invoice").doesNotContain("<img src=x");
        assertThat(detail).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .contains("&quot;&lt;b&gt;Bank&lt;/b&gt;&quot; &lt;ceo@bank.example&gt;")
                .doesNotContain("<script>alert").doesNotContain("<b>Bank").doesNotContain("href=\"javascript:");
        assertThat(detail).contains("dmarc fail").contains("header.from=bank.example p=quarantine");
    }

    @Test
    void releaseDeliversAndSaysToWhom() throws IOException {
        long id = DmarcHold.hold(quarantine, db, "Subject: hello\r\n\r\nhi\r\n", alice);

        HttpResponse<String> released = browser.submitForm("/quarantine/" + id, "/quarantine/" + id + "/release");

        assertFlash(released, "/quarantine", "Message " + id + " was released to " + alice + ".");
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
        assertThat(browser.get("/quarantine/" + id).body()).contains("released").doesNotContain(">Release</button>");
        assertFlash(browser.submitForm("/quarantine", "/quarantine/" + id + "/release"), "/quarantine",
                "Held message " + id + " was released already");
    }

    @Test
    void deleteAsksFirstAndThenRemovesTheMessage() throws IOException {
        long id = DmarcHold.hold(quarantine, db, "Subject: hello\r\n\r\nhi\r\n", alice);

        assertThat(browser.get("/quarantine/" + id + "/delete").body()).contains("Delete the message from "
                + DmarcHold.SENDER + "?");
        assertFlash(browser.submitForm("/quarantine/" + id + "/delete", "/quarantine/" + id + "/delete"), "/quarantine",
                "Message " + id + " was deleted");

        assertThat(quarantine.find(id)).isEmpty();
        assertThat(browser.get("/quarantine/" + id).statusCode()).isEqualTo(404);
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
    }

    @Test
    void aReleaseWithoutTheCsrfTokenIsRefused() throws IOException {
        long id = DmarcHold.hold(quarantine, db, "Subject: hello\r\n\r\nhi\r\n", alice);

        HttpResponse<String> forged = browser.post("/quarantine/" + id + "/release",
                "application/x-www-form-urlencoded", "");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(quarantine.find(id).orElseThrow().held()).isTrue();
    }

    @Test
    void theDashboardPointsAtHeldMessages() throws IOException {
        DmarcHold.hold(quarantine, db, "Subject: hello\r\n\r\nhi\r\n", alice);

        assertThat(browser.get("/").body()).contains("held in the quarantine, waiting for your decision")
                .contains("href=\"/quarantine\"");
    }

    @Test
    void theListShowsOneDomainWhenAsked() throws IOException {
        String other = "elsewhere" + NAMES.incrementAndGet() + ".example";
        domains.create(other);
        users.create("bob@" + other, "correct horse battery", null);
        DmarcHold.hold(quarantine, db, "Subject: to alice\r\n\r\nhi\r\n", alice);
        DmarcHold.hold(quarantine, db, "Subject: to bob\r\n\r\nhi\r\n", "bob@" + other);

        String filtered = browser.get("/quarantine?domain=" + other).body();

        assertThat(filtered).contains("to bob").doesNotContain("to alice")
                .contains("<option value=\"" + other + "\" selected=\"selected\">");
        assertThat(browser.get("/quarantine?domain=nothing.example").body()).contains("Nothing is held for nothing.example");
    }

    @Test
    void theListGoesOnOnTheNextPage() throws IOException {
        for (int i = 0; i < 51; i++) {
            DmarcHold.hold(quarantine, db, "Subject: number " + i + "\r\n\r\nhi\r\n", alice);
        }

        String first = browser.get("/quarantine").body();
        String second = browser.get("/quarantine?page=1").body();

        assertThat(first).contains("Page 1 of ").contains("href=\"/quarantine?page=1\"").contains("number 50")
                .doesNotContain("number 0<");
        assertThat(second).contains("Page 2 of ").contains("href=\"/quarantine?page=0\"");
    }

    private void assertFlash(HttpResponse<String> response, String redirectedTo, String flash) {
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith(redirectedTo);
        assertThat(browser.get(location.replaceFirst("^https?://[^/]+", "")).body()).contains(flash);
    }
}
