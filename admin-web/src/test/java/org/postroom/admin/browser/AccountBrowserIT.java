package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A mail user in a real headless chromium: signs in to /account with their address, reads how to
 * set up their mail program, and changes their password; the new password is then the one
 * storage's Authenticator (which POP3 and SMTP AUTH use) accepts.
 */
class AccountBrowserIT extends BrowserSession {

    private static final String ADDRESS = "bea@account.example";
    private static final String FIRST_PASSWORD = "first password 1";
    private static final String NEW_PASSWORD = "my own secret 22";

    @Autowired
    Authenticator authenticator;

    @BeforeAll
    void createUser(@Autowired DomainRepository domains, @Autowired UserRepository users,
            @Autowired MailStore store) throws IOException {
        domains.create("account.example");
        users.create(ADDRESS, FIRST_PASSWORD, 50L * 1024 * 1024);
        long inbox = authenticator.verify(ADDRESS, FIRST_PASSWORD).orElseThrow().inboxId();
        byte[] message = ("Subject: welcome\r\n\r\n" + "x".repeat(300_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        store.deliver("it@account.example", MessageOrigin.RECEIVED,
                List.of(new Recipient(ADDRESS, Set.of(inbox), Set.of())),
                new ByteArrayInputStream(message));
    }

    @Test
    @Order(1)
    void aUserSignsInWithTheirAddress() {
        browser.open("/account");
        browser.await(By.id("address"));
        assertThat(browser.path()).isEqualTo("/account/login");
        browser.screenshot("20-account-login", Browser.DESKTOP);

        browser.type("address", "Bea@Account.example");
        browser.find(By.id("password")).sendKeys(FIRST_PASSWORD, Keys.ENTER);

        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Your mail account");
        assertThat(browser.path()).isEqualTo("/account");
    }

    @Test
    @Order(2)
    void theAccountPageShowsQuotaAndTheMailClientSettings() {
        browser.open("/account");

        assertThat(browser.find(By.cssSelector(".usage-text")).getText()).contains("of 50 MiB used").contains("1 message waiting");
        String setup = browser.find(By.cssSelector("section[aria-labelledby=setup] table")).getText();
        assertThat(setup).contains("Incoming mail (POP3) mail.example.net 995 SSL/TLS")
                .contains("or mail.example.net 110 STARTTLS")
                .contains("Outgoing mail (SMTP) mail.example.net 465 SSL/TLS")
                .contains("or mail.example.net 587 STARTTLS")
                .contains("User name\nbea@account.example")
                .contains("requires authentication: yes");
        browser.screenshot("21-account", Browser.DESKTOP);
        browser.screenshot("22-account-phone", Browser.PHONE);
    }

    @Test
    @Order(3)
    void aWrongCurrentPasswordChangesNothing() {
        browser.open("/account");
        browser.type("currentPassword", "not my password");
        browser.type("newPassword", NEW_PASSWORD);
        browser.type("repeatPassword", NEW_PASSWORD);
        browser.find(By.xpath("//button[text()='Change password']")).click();

        assertThat(browser.flash()).isEqualTo("Your current password is not right.");
        assertThat(authenticator.verify(ADDRESS, FIRST_PASSWORD)).isPresent();
    }

    @Test
    @Order(4)
    void aUserChangesTheirPasswordAndTheNewOneWorksForMail() {
        browser.open("/account");
        browser.type("currentPassword", FIRST_PASSWORD);
        browser.type("newPassword", NEW_PASSWORD);
        browser.type("repeatPassword", NEW_PASSWORD);
        browser.find(By.xpath("//button[text()='Change password']")).click();

        assertThat(browser.flash()).contains("Your password was changed");
        browser.screenshot("23-account-password-changed", Browser.DESKTOP);
        // POP3 and SMTP AUTH check logins with this Authenticator (the POP3 listener is tested in its module)
        assertThat(authenticator.verify(ADDRESS, NEW_PASSWORD)).isPresent();
        assertThat(authenticator.verify(ADDRESS, FIRST_PASSWORD)).isEmpty();
    }

    @Test
    @Order(5)
    void signingOutEndsTheSessionAndTheOldPasswordNoLongerSignsIn() {
        browser.find(By.xpath("//button[text()='Sign out']")).click();
        assertThat(browser.flash()).isEqualTo("You are signed out.");

        browser.type("address", ADDRESS);
        browser.find(By.id("password")).sendKeys(FIRST_PASSWORD, Keys.ENTER);

        assertThat(browser.flash()).isEqualTo("Wrong address or password.");
        browser.open("/account");
        assertThat(browser.path()).isEqualTo("/account/login");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }
}
