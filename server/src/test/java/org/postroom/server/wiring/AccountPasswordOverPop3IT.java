package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.net.pop3.POP3SClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.admin.browser.Browser;
import org.postroom.admin.browser.BrowserAvailable;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A user changes their password on /account in a real headless chromium, and their mail program
 * then logs in to the real POP3S listener with the new password, and no longer with the old one.
 */
@ExtendWith(BrowserAvailable.class)
class AccountPasswordOverPop3IT extends WiredApplicationTest {

    private static final String ADDRESS = "cora@account.wired.example";
    private static final String OLD_PASSWORD = "the first password";
    private static final String NEW_PASSWORD = "a fresh password 7";

    @LocalServerPort
    int httpPort;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Test
    void aPasswordChangedOnTheAccountPageIsTheOneThatWorksOverPop3(@Autowired DomainRepository domains,
            @Autowired UserRepository users) throws Exception {
        domains.create("account.wired.example");
        users.create(ADDRESS, OLD_PASSWORD, null);

        try (Browser browser = Browser.start(httpPort)) {
            browser.open("/account");
            browser.type("address", ADDRESS);
            browser.find(By.id("password")).sendKeys(OLD_PASSWORD, Keys.ENTER);
            assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Your mail account");

            browser.type("currentPassword", OLD_PASSWORD);
            browser.type("newPassword", NEW_PASSWORD);
            browser.type("repeatPassword", NEW_PASSWORD);
            browser.find(By.xpath("//button[text()='Change password']")).click();
            assertThat(browser.flash()).contains("Your password was changed");
        }

        assertThat(pop3Login(NEW_PASSWORD)).isTrue();
        assertThat(pop3Login(OLD_PASSWORD)).isFalse();
    }

    private boolean pop3Login(String password) throws Exception {
        POP3SClient client = new POP3SClient(true, trustingGeneratedCertificate());
        client.connect("127.0.0.1", pop3s.listener().port());
        try {
            boolean loggedIn = client.login(ADDRESS, password);
            if (loggedIn) {
                client.logout();
            }
            return loggedIn;
        } finally {
            client.disconnect();
        }
    }
}
