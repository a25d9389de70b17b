package org.postroom.admin.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * A mail user's own quarantine on /account/quarantine over real HTTP, signed in through the account
 * login as a browser is: they see, read (as text, under a strict Content-Security-Policy), release
 * and delete only what was held for them; another user's message is not found, whatever they try.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UserQuarantinePagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";
    private static final String HOSTILE = """
            Subject: <img src=x onerror=alert(1)> invoice\r
            From: "<b>Bank</b>" <ceo@bank.example>\r
            Content-Type: text/html\r
            \r
            <script>alert('owned')</script><img src="https://tracker.example/p.gif"><a href="javascript:alert(2)">Pay</a>\r
            """;
    private static final String MULTIPART = """
            Subject: Invoice 42\r
            From: Shop <billing@shop.example>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: multipart/alternative; boundary="b2"\r
            \r
            --b2\r
            Content-Type: text/plain; charset=ISO-8859-1\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Gr=FC=DFe, your invoice is attached.\r
            --b2\r
            Content-Type: text/html\r
            \r
            <p>HTML version</p>\r
            --b2--\r
            --b1\r
            Content-Type: application/pdf; name="invoice-42.pdf"\r
            Content-Disposition: attachment; filename="invoice-42.pdf"\r
            Content-Transfer-Encoding: base64\r
            \r
            JVBERi0xLjQK\r
            --b1--\r
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

    private String alice;
    private String bob;
    private WebVisitor asAlice;
    private WebVisitor asBob;

    @BeforeEach
    void logIn() {
        String domain = "own" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        bob = "bob@" + domain;
        users.create(alice, PASSWORD, null);
        users.create(bob, PASSWORD, null);
        asAlice = WebVisitor.anonymous(port);
        asAlice.logInToAccount(alice, PASSWORD);
        asBob = WebVisitor.anonymous(port);
        asBob.logInToAccount(bob, PASSWORD);
    }

    @Test
    void aUserSeesOnlyWhatWasHeldForThemAndNeverTheOtherRecipients() throws IOException {
        DmarcHold.hold(quarantine, db, "Subject: for alice and bob\r\n\r\nhi\r\n", alice, bob);
        DmarcHold.hold(quarantine, db, "Subject: for bob only\r\n\r\nhi\r\n", bob);

        String list = asAlice.get("/account/quarantine").body();

        assertThat(list).contains("1 message held for you").contains("for alice and bob")
                .doesNotContain("for bob only").doesNotContain(bob);
        assertThat(asBob.get("/account/quarantine").body()).contains("2 messages held for you");
        assertThat(asAlice.get("/account").body()).contains("1 message to you held back")
                .contains("href=\"/account/quarantine\"");
    }

    @Test
    void anotherUsersHeldMessageIsNotFoundByItsId() throws IOException {
        long forAlice = DmarcHold.hold(quarantine, db, "Subject: for alice\r\n\r\nsecret\r\n", alice);

        HttpResponse<String> peek = asBob.get("/account/quarantine/" + forAlice);
        assertThat(peek.statusCode()).isEqualTo(404);
        assertThat(peek.body()).doesNotContain("for alice").doesNotContain("secret");

        HttpResponse<String> release = asBob.submitForm("/account/quarantine",
                "/account/quarantine/" + forAlice + "/release");
        assertThat(release.statusCode()).isEqualTo(302);
        assertThat(asBob.redirectedPage(release)).contains("No held message " + forAlice + " for " + bob);
        asBob.submitForm("/account/quarantine", "/account/quarantine/" + forAlice + "/delete");

        assertThat(users.find(bob).orElseThrow().messageCount()).isZero();
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
        assertThat(quarantine.find(forAlice).orElseThrow().held()).isTrue();
        assertThat(asAlice.get("/account/quarantine/" + forAlice).body()).contains("secret");
        assertThat(asBob.get("/account/quarantine/4711").statusCode()).isEqualTo(404);
    }

    @Test
    void anAdministratorsPageIsNotAUsersAndAUsersPageNeedsTheirLogin() {
        assertThat(asAlice.get("/quarantine").statusCode()).isEqualTo(302);
        HttpResponse<String> anonymous = WebVisitor.anonymous(port).get("/account/quarantine");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/account/login");
    }

    @Test
    void htmlIsShownAsEscapedSourceUnderAStrictPolicyNeverRendered() throws IOException {
        long id = DmarcHold.hold(quarantine, db, HOSTILE, alice);

        HttpResponse<String> page = asAlice.get("/account/quarantine/" + id);

        assertThat(page.body()).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
                .contains("only an HTML version").contains("&lt;img src=x onerror=alert(1)&gt; invoice")
                .doesNotContain("<script>alert").doesNotContain("<b>Bank").doesNotContain("href=\"javascript:")
                .doesNotContain("src=\"https://tracker.example");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'").contains("script-src 'self'").contains("object-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("https:");
    }

    @Test
    void thePlainTextPartIsShownDecodedWithTheAttachmentsNamed() throws IOException {
        long id = DmarcHold.hold(quarantine, db, MULTIPART, alice);

        String page = asAlice.get("/account/quarantine/" + id).body();

        assertThat(page).contains("Grüße, your invoice is attached.").contains("invoice-42.pdf")
                .doesNotContain("HTML version").doesNotContain("JVBERi0");
    }

    @Test
    void releasingPutsTheMessageIntoTheUsersMailboxOnly() throws IOException {
        long id = DmarcHold.hold(quarantine, db, "Subject: wanted\r\n\r\nhi\r\n", alice, bob);

        HttpResponse<String> released = asAlice.submitForm("/account/quarantine/" + id,
                "/account/quarantine/" + id + "/release");

        assertThat(asAlice.redirectedPage(released)).contains("The message is in your mailbox now")
                .contains("Nothing is held for you");
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
        assertThat(users.find(bob).orElseThrow().messageCount()).isZero();
        assertThat(asBob.get("/account/quarantine").body()).contains("wanted");
        assertThat(asAlice.get("/account/quarantine/" + id).statusCode()).isEqualTo(404);
        HttpResponse<String> again = asAlice.submitForm("/account/quarantine", "/account/quarantine/" + id + "/release");
        assertThat(asAlice.redirectedPage(again)).contains("was released by you already");
        assertThat(users.find(alice).orElseThrow().messageCount()).isEqualTo(1);
    }

    @Test
    void deletingTakesItOutOfTheUsersQuarantine() throws IOException {
        long id = DmarcHold.hold(quarantine, db, "Subject: unwanted\r\n\r\nhi\r\n", alice);

        HttpResponse<String> deleted = asAlice.submitForm("/account/quarantine/" + id,
                "/account/quarantine/" + id + "/delete");

        assertThat(asAlice.redirectedPage(deleted)).contains("The message was deleted");
        assertThat(quarantine.find(id)).as("held for alice alone: gone with her decision").isEmpty();
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
    }

    @Test
    void aUserTurnsTheirDigestOffAndOn() {
        HttpResponse<String> off = asAlice.submitForm("/account/quarantine", "/account/quarantine/digest", "on", "false");

        assertThat(asAlice.redirectedPage(off)).contains("You no longer get the daily message").contains("Turn it on");
        assertThat(users.find(alice).orElseThrow().quarantineDigest()).isFalse();
        asAlice.submitForm("/account/quarantine", "/account/quarantine/digest", "on", "true");
        assertThat(users.find(alice).orElseThrow().quarantineDigest()).isTrue();

        domains.setQuarantineDigest(alice.substring(alice.indexOf('@') + 1), false);
        assertThat(asAlice.get("/account/quarantine").body()).contains("turned this message off for your whole domain");
    }

    @Test
    void aReleaseWithoutTheCsrfTokenIsRefused() throws IOException {
        long id = DmarcHold.hold(quarantine, db, "Subject: hello\r\n\r\nhi\r\n", alice);

        HttpResponse<String> forged = asAlice.post("/account/quarantine/" + id + "/release",
                "application/x-www-form-urlencoded", "");

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(users.find(alice).orElseThrow().messageCount()).isZero();
    }
}
