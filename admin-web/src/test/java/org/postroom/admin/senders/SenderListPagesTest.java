package org.postroom.admin.senders;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.senders.SenderRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's sender-list and postmaster forms on the domain's and the user's page, and the
 * dashboard's warning, posted over real HTTP with their CSRF tokens as a browser posts them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SenderListPagesTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;
    @Autowired
    UserRepository users;
    @Autowired
    SenderLists lists;

    private WebVisitor browser;
    private String domain;
    private String alice;

    @BeforeEach
    void logIn() {
        browser = WebVisitor.anonymous(port);
        browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        domain = "senderpages" + NAMES.incrementAndGet() + ".example";
        domains.create(domain);
        alice = "alice@" + domain;
        users.create(alice, "correct horse battery", null);
    }

    @Test
    void anEntryIsAddedToAndRemovedFromAUsersList() {
        String page = "/users/" + alice;
        assertFlash(browser.submitForm(page, page + "/senders", "entry", "News@Shop.example", "action", "block"), page,
                "Mail from news@shop.example is blocked now.");
        assertThat(lists.list(SenderList.ofUser(alice))).extracting(SenderRule::entry).containsExactly("news@shop.example");
        assertThat(browser.get(page).body()).contains("news@shop.example").contains("Blocked");

        assertFlash(browser.submitForm(page, page + "/senders/delete", "entry", "news@shop.example"), page,
                "news@shop.example is off the list.");
        assertThat(lists.list(SenderList.ofUser(alice))).isEmpty();
    }

    @Test
    void aBadEntryGoesBackToThePageWithTheReasonAndTheTypedValue() {
        String page = "/domains/" + domain;
        HttpResponse<String> refused = browser.submitForm(page, page + "/senders", "entry", "192.0.2.0/99", "action",
                "allow");
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith(page);
        String shown = browser.get(page).body();
        assertThat(shown).contains("Prefix length out of range: 192.0.2.0/99").contains("value=\"192.0.2.0/99\"");
        assertThat(lists.list(SenderList.ofDomain(domain))).isEmpty();
    }

    @Test
    void thePostmasterTargetIsSetOnTheDomainPageAndTheDashboardWarnsUntilThen() {
        assertThat(browser.get("/").body()).contains("No one reads postmaster@ and abuse@").contains(domain);
        String page = "/domains/" + domain;
        assertThat(browser.get(page).body()).contains("No one reads postmaster@ and abuse@ of this domain");

        assertFlash(browser.submitForm(page, page + "/postmaster", "postmasterTarget", alice), page,
                "postmaster@ and abuse@ of " + domain + " go to " + alice + " now.");
        assertThat(domains.find(domain).orElseThrow().postmasterTarget()).isEqualTo(alice);
        assertThat(browser.get("/").body()).doesNotContain(">" + domain + "<");

        HttpResponse<String> refused = browser.submitForm(page, page + "/postmaster", "postmasterTarget",
                "nobody@" + domain);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(browser.get(page).body()).contains("no user or alias");
        assertThat(domains.find(domain).orElseThrow().postmasterTarget()).isEqualTo(alice);

        assertFlash(browser.submitForm(page, page + "/postmaster", "postmasterTarget", ""), page, "have no target now");
        assertThat(domains.find(domain).orElseThrow().postmasterTarget()).isNull();
    }

    @Test
    void theAddDomainFormAsksForThePostmasterTarget() {
        String other = "added" + NAMES.incrementAndGet() + ".example";
        HttpResponse<String> added = browser.submitForm("/domains", "/domains", "name", other, "postmasterTarget", alice);
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(domains.find(other).orElseThrow().postmasterTarget()).isEqualTo(alice);
    }

    private void assertFlash(HttpResponse<String> response, String redirectedTo, String flash) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).contains(redirectedTo);
        assertThat(browser.redirectedPage(response)).contains(flash);
    }
}
