package org.postroom.admin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's forms that the browser tests do not click, posted over real HTTP with their CSRF
 * tokens as a browser posts them: each changes storage and answers with a flash message.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsolePagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String PASSWORD = "correct horse battery";
    /** 68 characters, 92 bytes in UTF-8. */
    private static final String OVER_72_BYTES = "ünïcödé pässwörd ".repeat(4);

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    AliasRepository aliases;
    @Autowired
    Authenticator authenticator;
    @Autowired
    MailStore store;
    @Autowired
    DeliveryQueue queue;

    private WebVisitor browser;
    private String domain;
    private String alice;

    @BeforeEach
    void logIn() {
        browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "pages" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, PASSWORD, null);
    }

    @Test
    void theQuotaIsSetInMibOrGibAndRemovedWhenEmpty() {
        String page = "/users/" + alice;

        assertFlash(browser.submitForm(page, page + "/quota", "quotaAmount", "1.5", "quotaUnit", "GiB"), page,
                "The quota of " + alice + " was set.");
        assertThat(users.find(alice).orElseThrow().quotaBytes()).isEqualTo(1536L * 1024 * 1024);
        assertThat(browser.get(page).body()).contains("value=\"1536\"");

        browser.submitForm(page, page + "/quota", "quotaAmount", "", "quotaUnit", "GiB");
        assertThat(users.find(alice).orElseThrow().quotaBytes()).isNull();

        HttpResponse<String> refused = browser.submitForm(page, page + "/quota", "quotaAmount", "lots", "quotaUnit", "MiB");
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(page));
        assertThat(browser.get(page).body()).contains("Quota must be a number of MiB or GiB, not lots.");
    }

    @Test
    void aUserIsDisabledAndEnabledAgain() {
        String page = "/users/" + alice;

        assertFlash(browser.submitForm(page, page + "/enabled", "enabled", "false"), page, alice + " was disabled");
        assertThat(authenticator.verify(alice, PASSWORD)).isEmpty();
        assertThat(browser.get(page).body()).contains("Enable user");

        browser.submitForm(page, page + "/enabled", "enabled", "true");
        assertThat(authenticator.verify(alice, PASSWORD)).isPresent();
    }

    @Test
    void aWeakResetPasswordIsRefusedWithTheRule() {
        String page = "/users/" + alice;

        browser.submitForm(page, page + "/password", "password", "short");

        assertThat(browser.get(page).body()).contains("Password must have at least 10 characters.");
        assertThat(authenticator.verify(alice, PASSWORD)).isPresent();
    }

    @Test
    void aResetPasswordOver72BytesIsRefusedWithTheRule() {
        String page = "/users/" + alice;

        HttpResponse<String> refused = browser.submitForm(page, page + "/password", "password", OVER_72_BYTES);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(browser.get(page).body()).contains("Password must have at most 72 bytes");
        assertThat(authenticator.verify(alice, PASSWORD)).isPresent();
    }

    @Test
    void aUsersOwnNewPasswordOver72BytesIsRefusedWithTheRule() {
        WebVisitor account = WebVisitor.anonymous(port);
        account.submitForm("/account/login", "/account/login", "address", alice, "password", PASSWORD);

        HttpResponse<String> refused = account.submitForm("/account", "/account/password", "currentPassword", PASSWORD,
                "newPassword", OVER_72_BYTES, "repeatPassword", OVER_72_BYTES);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(account.get("/account").body()).contains("Password must have at most 72 bytes");
        assertThat(authenticator.verify(alice, PASSWORD)).isPresent();
    }

    @Test
    void usersAliasesAndDomainsAreDeletedAfterConfirmation() {
        aliases.create("team@" + domain, List.of(alice));
        assertThat(browser.get("/users/" + alice + "/delete").body()).contains("Delete the user " + alice + "?");

        assertFlash(browser.submitForm("/aliases/team@" + domain + "/delete", "/aliases/team@" + domain + "/delete"),
                "/aliases", "Alias team@" + domain + " was deleted.");
        assertFlash(browser.submitForm("/users/" + alice + "/delete", "/users/" + alice + "/delete"), "/users",
                "User " + alice + " was deleted with their mail.");
        users.create("bob@" + domain, PASSWORD, null);
        String confirmation = browser.get("/domains/" + domain + "/delete").body();
        assertThat(confirmation).contains("It has 1 user and 0 aliases.").contains("name=\"force\"");
        browser.submitForm("/domains/" + domain + "/delete", "/domains/" + domain + "/delete");
        assertThat(browser.get("/domains/" + domain + "/delete").body()).contains("still has 1 users");
        assertFlash(browser.submitForm("/domains/" + domain + "/delete", "/domains/" + domain + "/delete", "force", "true"),
                "/domains", "Domain " + domain + " was deleted.");

        assertThat(aliases.find("team@" + domain)).isEmpty();
        assertThat(users.find(alice)).isEmpty();
        assertThat(domains.find(domain)).isEmpty();
    }

    @Test
    void aQueueEntryIsDeletedWithoutBounce() throws IOException {
        long messageId = store.deliver(alice, MessageOrigin.SUBMITTED, List.of(Recipient.remote("zed@far.example")),
                new ByteArrayInputStream("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII))).messageId();
        long id = queue.list(0, 10_000).stream().filter(e -> e.messageId() == messageId).findFirst().orElseThrow().id();

        assertFlash(browser.submitForm("/queue/" + id + "/delete", "/queue/" + id + "/delete"), "/queue",
                "Delivery " + id + " was deleted");

        assertThat(queue.find(id)).isEmpty();
        assertThat(browser.get("/queue/" + id).body()).contains("No queue entry " + id);
    }

    @Test
    void aQueueEntryShowsTheVerdictsOfItsMessage() throws IOException {
        long messageId = store.deliver("someone@bank.example", MessageOrigin.RECEIVED,
                List.of(Recipient.remote("fwd@far.example")),
                new ByteArrayInputStream("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)),
                List.of(new MessageCheck("spf", "softfail", "smtp.mailfrom=bank.example"))).messageId();
        long id = queue.list(0, 10_000).stream().filter(e -> e.messageId() == messageId).findFirst().orElseThrow().id();

        assertThat(browser.get("/queue/" + id).body()).contains("spf softfail").contains("smtp.mailfrom=bank.example");
    }

    @Test
    void unknownThingsAreNotFoundPages() {
        for (String page : List.of("/users/nobody@" + domain, "/domains/nowhere.example", "/queue/999999")) {
            HttpResponse<String> response = browser.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(404);
            assertThat(response.body()).contains("<h1>Not found</h1>");
        }
    }

    @Test
    void aBadLinkLeadsToTheSectionWithTheReason() {
        HttpResponse<String> response = browser.get("/users?page=-1");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/users"));
        assertThat(browser.get("/users").body()).contains("Page must not be negative.");
    }

    @Test
    void usersAreListedAPageAtATimeWithSearch() {
        for (int i = 0; i < 30; i++) {
            users.create(String.format("user%02d@%s", i, domain), PASSWORD, null);
        }

        String first = browser.get("/users?domain=" + domain).body();
        String second = browser.get("/users?domain=" + domain + "&page=1").body();

        assertThat(first).contains("1–25 of 31").contains(alice).contains("Next");
        assertThat(second).contains("26–31 of 31").contains("user29@" + domain).contains("Previous");
        assertThat(browser.get("/users?q=nobody-has-this").body()).contains("No user matches");
    }

    @Test
    void aUserChangingTheirPasswordMustRepeatItExactly() {
        WebVisitor account = WebVisitor.anonymous(port);
        account.submitForm("/account/login", "/account/login", "address", alice, "password", PASSWORD);

        account.submitForm("/account", "/account/password", "currentPassword", PASSWORD, "newPassword",
                "new secret 12345", "repeatPassword", "new secret 54321");

        assertThat(account.get("/account").body()).contains("The new password and its repetition differ.");
        assertThat(authenticator.verify(alice, PASSWORD)).isPresent();
    }

    private void assertFlash(HttpResponse<String> response, String redirectedTo, String flash) {
        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith(redirectedTo);
        String page = browser.get(location.replaceFirst("^https?://[^/]+", "")).body();
        assertThat(page).contains(flash);
    }
}
