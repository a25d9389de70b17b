package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Web logins share the per-client failed-login throttle with SMTP and POP3: after the limit, even
 * the right password is refused, on the console, the account page and the API alike, with 429 and
 * a Retry-After instead of a servlet thread kept asleep. (An application of its own, with a
 * database of its own, so no other test's client address gets blocked.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.throttle.max-failures=3")
class LoginThrottleWebTest {

    @LocalServerPort
    int port;
    @Autowired
    SimpleMeterRegistry meters;

    @Test
    void anAddressThatFailedTooOftenGets429WithRetryAfterEvenWithTheRightPassword() {
        WebVisitor browser = WebVisitor.anonymous(port);
        for (int i = 0; i < 3; i++) {
            assertThat(browser.logInToConsole(AdminTestApplication.ADMIN, "wrong guess " + i).headers()
                    .firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?failed"));
        }

        HttpResponse<String> right = browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(right.statusCode()).isEqualTo(429);
        assertRetryAfter(right);
        assertThat(right.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(right.body()).contains("Too many failed sign-ins. Wait <span>" + right.headers().firstValue("Retry-After")
                .orElseThrow() + "</span> s").contains("name=\"password\"").contains("name=\"_csrf\"");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);

        HttpResponse<String> account = browser.submitForm("/account/login", "/account/login", "address", "a@b.example",
                "password", "x");
        assertThat(account.statusCode()).isEqualTo(429);
        assertRetryAfter(account);
        assertThat(account.body()).contains("Too many failed sign-ins").contains("name=\"address\"");

        HttpResponse<String> api = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/domains");
        assertThat(api.statusCode()).isEqualTo(429);
        assertRetryAfter(api);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.body()).contains("too many failed logins");

        // three wrong passwords and three throttled attempts, counted like SMTP's and POP3's
        assertThat(meters.get("postroom.auth.failures").tag("protocol", "web").counter().count()).isEqualTo(6);
    }

    private static void assertRetryAfter(HttpResponse<String> response) {
        // RFC 9110 §10.2.3: delay-seconds; the client's failures leave the 5-minute window at the latest then
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 300));
    }
}
