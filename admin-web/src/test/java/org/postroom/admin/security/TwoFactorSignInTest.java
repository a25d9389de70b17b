package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two-factor sign-in to the console over real HTTP, with every administrator required to have a
 * second factor ({@code postroom.admin.two-factor-required}): a password alone opens only the
 * enrolment page; enrolment with the app's code; the code step, a replayed code refused, a
 * recovery code good once; wrong codes held by the login throttle (4 failures per client here, the
 * tests' wrong codes together).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "test.admin-two-factor=true", "test.throttle.max-failures=4" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoFactorSignInTest {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>");
    private static final String PASSWORD = "second admin password";

    @LocalServerPort
    int port;
    @Autowired
    AdminAccountRepository admins;
    @Autowired
    SecondFactors factors;

    @Test
    @Order(1)
    void aPasswordAloneOpensOnlyTheEnrolmentPageWhileTheApiTakesBasic() {
        WebVisitor browser = WebVisitor.anonymous(port);

        HttpResponse<String> login = browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/two-factor"));
        assertThat(browser.get("/users").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/two-factor"));
        assertThat(browser.get("/login/code").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/two-factor"));
        assertThat(browser.get("/two-factor").body()).contains("requires two-factor sign-in for your account");
        // HTTP Basic on the API has no second step (documented): scripts keep working
        assertThat(WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/domains").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void enrollingWithTheAppsCodeCompletesTheSignInAndShowsTheRecoveryCodesOnce() {
        admins.create("second", PASSWORD);
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole("second", PASSWORD);

        AuthenticatorApp app = enrol(browser);

        assertThat(browser.get("/users").statusCode()).isEqualTo(200);
        assertThat(factors.isEnrolled(SecondFactorOwner.admin("second"))).isTrue();
        assertThat(browser.get("/two-factor").body()).contains("Two-factor sign-in is on").doesNotContain("<li><code>");

        // the next sign-in asks for a code; the one used at enrolment does not work again
        WebVisitor again = WebVisitor.anonymous(port);
        HttpResponse<String> login = again.logInToConsole("second", PASSWORD);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login/code"));
        assertThat(again.get("/users").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login/code"));
        HttpResponse<String> replay = again.submitForm("/login/code", "/login/code", "code", app.lastCode());
        assertThat(replay.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login/code?failed"));
        HttpResponse<String> code = again.submitForm("/login/code", "/login/code", "code", app.nextCode());
        assertThat(code.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/"));
        assertThat(again.get("/users").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRecoveryCodeSignsInOnce() {
        admins.create("third", PASSWORD);
        WebVisitor first = WebVisitor.anonymous(port);
        first.logInToConsole("third", PASSWORD);
        first.submitForm("/two-factor", "/two-factor/start");
        String setup = first.get("/two-factor/setup").body();
        AuthenticatorApp app = new AuthenticatorApp(group(SECRET, setup));
        String codes = first.redirectedPage(first.submitForm("/two-factor/setup", "/two-factor/setup", "code", app.nextCode()));
        List<String> recovery = RECOVERY.matcher(codes).results().map(match -> match.group(1)).toList();
        assertThat(recovery).hasSize(10);

        WebVisitor second = WebVisitor.anonymous(port);
        second.logInToConsole("third", PASSWORD);
        second.submitForm("/login/code", "/login/code", "code", recovery.get(0));
        assertThat(second.get("/users").statusCode()).isEqualTo(200);
        assertThat(factors.recoveryCodesLeft(SecondFactorOwner.admin("third"))).isEqualTo(9);

        WebVisitor third = WebVisitor.anonymous(port);
        third.logInToConsole("third", PASSWORD);
        HttpResponse<String> reused = third.submitForm("/login/code", "/login/code", "code", recovery.get(0));
        assertThat(reused.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("?failed"));
        assertThat(third.get("/users").statusCode()).isEqualTo(302);
    }

    /** Last: it leaves this client throttled. */
    @Test
    @Order(4)
    void wrongCodesCountAgainstTheLoginThrottle() {
        admins.create("fourth", PASSWORD);
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole("fourth", PASSWORD);
        AuthenticatorApp app = enrol(browser);
        WebVisitor guesser = WebVisitor.anonymous(port);
        guesser.logInToConsole("fourth", PASSWORD);

        // the replayed and the reused code of the tests before count as well: at most four wrong codes in all
        int wrong = 0;
        while (guesser.submitForm("/login/code", "/login/code", "code", "00000" + wrong).statusCode() == 302) {
            wrong++;
            assertThat(wrong).isLessThan(4);
        }
        HttpResponse<String> held = guesser.submitForm("/login/code", "/login/code", "code", app.nextCode());

        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After")).isPresent();
        assertThat(held.body()).contains("Too many failed sign-ins");
        assertThat(guesser.get("/users").statusCode()).isEqualTo(302);
    }

    /** Enrols the signed-in administrator of {@code browser} as a user would, reading the secret off the page. */
    private static AuthenticatorApp enrol(WebVisitor browser) {
        HttpResponse<String> start = browser.submitForm("/two-factor", "/two-factor/start");
        assertThat(start.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/two-factor/setup"));
        String setup = browser.get("/two-factor/setup").body();
        assertThat(setup).contains("src=\"data:image/png;base64,").contains("otpauth://totp/");
        AuthenticatorApp app = new AuthenticatorApp(group(SECRET, setup));
        HttpResponse<String> confirmed = browser.submitForm("/two-factor/setup", "/two-factor/setup", "code", app.nextCode());
        assertThat(browser.redirectedPage(confirmed)).contains("Two-factor sign-in is on").contains("Your recovery codes");
        return app;
    }

    private static String group(Pattern pattern, String page) {
        Matcher match = pattern.matcher(page);
        assertThat(match.find()).as("%s on the page", pattern).isTrue();
        return match.group(1);
    }
}
