package org.postroom.admin.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.postroom.admin.security.AuthenticatorApp;
import org.postroom.storage.directory.AppPasswords;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginPolicy;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginRequest;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.directory.Verdict;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A mail user of a domain that requires two-factor sign-in, in a real headless chromium: the first
 * sign-in leads to enrolment (QR code, the secret as text, the app's code computed here from it),
 * the recovery codes are shown once; later sign-ins ask for a code, refuse a replayed one and take
 * a recovery code once. On the account page the user makes an app password (shown once, then
 * accepted by the mail protocols' check) and revokes it. A database of its own: the console's tests
 * expect to find no domain but theirs.
 */
@TestPropertySource(properties = "test.database=two-factor-browser")
class TwoFactorBrowserIT extends BrowserSession {

    private static final String ADDRESS = "dana@twofactor.example";
    private static final String PASSWORD = "dana account password";

    @Autowired
    AppPasswords appPasswords;
    @Autowired
    Authenticator authenticator;

    private AuthenticatorApp app;
    private List<String> recoveryCodes;

    @BeforeAll
    void createUserOfADomainThatRequiresTwoFactor(@Autowired DomainRepository domains, @Autowired UserRepository users,
            @Autowired LoginPolicies policies) {
        domains.create("twofactor.example");
        users.create(ADDRESS, PASSWORD, null);
        policies.setForDomain("twofactor.example", new LoginPolicy(false, true));
    }

    @Test
    @Order(1)
    void theFirstSignInLeadsToEnrolmentAndTheRecoveryCodesAreShownOnce() {
        signIn();
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Two-factor sign-in");
        assertThat(browser.path()).isEqualTo("/account/two-factor");
        assertThat(browser.flash()).contains("requires two-factor sign-in");
        browser.open("/account");
        assertThat(browser.path()).as("nothing else opens before enrolment").isEqualTo("/account/two-factor");

        browser.clickToNextPage(By.xpath("//button[text()='Set up two-factor sign-in']"));
        WebElement qr = browser.await(By.cssSelector("img.qr-code"));
        assertThat(qr.getDomAttribute("src")).startsWith("data:image/png;base64,");
        assertThat(((Number) browser.driver().executeScript("return arguments[0].naturalWidth", qr)).intValue())
                .as("the QR code is a picture the browser decoded").isPositive();
        assertThat(browser.find(By.id("otpauth")).getDomAttribute("href")).startsWith("otpauth://totp/");
        browser.screenshot("90-two-factor-setup", Browser.DESKTOP);
        app = new AuthenticatorApp(browser.find(By.id("secret")).getText());

        browser.type("code", app.nextCode());
        browser.clickToNextPage(By.xpath("//button[text()='Turn on']"));

        recoveryCodes = browser.driver().findElements(By.cssSelector("#recovery-codes code")).stream()
                .map(WebElement::getText).toList();
        assertThat(recoveryCodes).hasSize(10);
        assertThat(browser.find(By.id("status-title")).getText()).isEqualTo("Two-factor sign-in is on");
        browser.screenshot("91-two-factor-recovery-codes", Browser.DESKTOP);
        browser.clickToNextPage(By.linkText("Continue"));
        assertThat(browser.path()).isEqualTo("/account");
        browser.open("/account/two-factor");
        assertThat(browser.driver().findElements(By.id("recovery-codes"))).as("shown once").isEmpty();
    }

    @Test
    @Order(2)
    void anAppPasswordIsShownOnceWorksForMailAndIsRevoked() throws Exception {
        browser.open("/account");
        browser.type("app-name", "Phone");
        browser.clickToNextPage(By.xpath("//button[text()='Make an app password']"));

        String password = browser.await(By.id("new-app-password")).getText();
        assertThat(password).matches("[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}");
        assertThat(browser.find(By.cssSelector("#app-passwords table")).getText()).contains("Phone").contains("never");
        browser.screenshot("92-account-app-password", Browser.DESKTOP);
        // POP3 and SMTP AUTH ask this check (their listeners are tested with it in their modules)
        assertThat(authenticator.check(new LoginRequest(LoginProtocol.POP3, InetAddress.getLoopbackAddress(), ADDRESS,
                password))).isInstanceOf(Verdict.Match.class);
        assertThat(authenticator.check(new LoginRequest(LoginProtocol.WEB, InetAddress.getLoopbackAddress(), ADDRESS,
                password))).isInstanceOf(Verdict.Mismatch.class);
        browser.open("/account");
        assertThat(browser.driver().findElements(By.id("new-app-password"))).as("shown once").isEmpty();
        assertThat(browser.find(By.cssSelector("#app-passwords table")).getText()).contains("127.0.0.1");

        browser.clickToNextPage(By.cssSelector("button[aria-label='Revoke Phone']"));

        assertThat(browser.flash()).contains("revoked");
        assertThat(appPasswords.list(ADDRESS)).isEmpty();
    }

    @Test
    @Order(3)
    void theNextSignInAsksForACodeAndRefusesAReplayedOne() {
        signOut();
        signIn();
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Enter your code");
        assertThat(browser.path()).isEqualTo("/account/login/code");
        browser.screenshot("93-two-factor-code", Browser.DESKTOP);

        enterCode(app.lastCode());
        assertThat(browser.flash()).startsWith("That code is not right.");

        enterCode(app.nextCode());
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Your mail account");
        assertThat(browser.path()).isEqualTo("/account");
    }

    @Test
    @Order(4)
    void aRecoveryCodeSignsInOnce() {
        signOut();
        signIn();
        enterCode(recoveryCodes.get(0));
        assertThat(browser.await(By.tagName("h1")).getText()).isEqualTo("Your mail account");

        signOut();
        signIn();
        enterCode(recoveryCodes.get(0));
        assertThat(browser.flash()).startsWith("That code is not right.");
        browser.open("/account");
        assertThat(browser.path()).isEqualTo("/account/login/code");
        assertThat(browser.consoleMessages()).noneMatch(message -> message.contains("Content Security Policy"));
    }

    private void signIn() {
        browser.open("/account/login");
        browser.type("address", ADDRESS);
        browser.type("password", PASSWORD);
        browser.clickToNextPage(By.xpath("//button[text()='Sign in']"));
    }

    private void enterCode(String code) {
        browser.type("code", code);
        browser.clickToNextPage(By.xpath("//button[text()='Sign in']"));
    }

    private void signOut() {
        browser.open("/account/login");
        browser.driver().manage().deleteAllCookies();
    }
}
