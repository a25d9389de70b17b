package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Web logins share the per-IP failed-login throttle with SMTP and POP3: after the limit, even the
 * right password is refused, on the console, the account page and the API alike. (An application
 * of its own, with a database of its own, so no other test's client address gets blocked.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.throttle.max-failures=3")
class LoginThrottleWebTest {

    @LocalServerPort
    int port;

    @Test
    void anAddressThatFailedTooOftenIsRefusedEvenWithTheRightPassword() {
        WebVisitor browser = WebVisitor.anonymous(port);
        for (int i = 0; i < 3; i++) {
            assertThat(browser.logInToConsole(AdminTestApplication.ADMIN, "wrong guess " + i).headers()
                    .firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?failed"));
        }

        HttpResponse<String> right = browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?blocked"));
        assertThat(browser.get("/login?blocked").body()).contains("Too many failed sign-ins");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        assertThat(browser.submitForm("/account/login", "/account/login", "address", "a@b.example", "password", "x")
                .headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account/login?blocked"));
        HttpResponse<String> api = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/domains");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.body()).contains("too many failed logins");
    }
}
