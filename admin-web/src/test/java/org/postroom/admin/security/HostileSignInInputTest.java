package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a stranger may type into a sign-in: NUL and other control characters (PostgreSQL takes no
 * NUL in text), a name of 10 000 characters, a domain no IDN conversion takes, lone surrogates.
 * Each is a failed sign-in like any wrong password, on the console, the account page and the REST
 * API: never a 500, never a stack trace. (An application and database of their own: these
 * failures are counted.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.database=hostile-sign-in")
class HostileSignInInputTest {

    @LocalServerPort
    int port;

    static List<String> hostileNames() {
        return List.of("ad\0min", "\0", "admin\r\nX-Injected: 1", "a".repeat(10_000), "alice@exa\0mple.com",
                "alice@" + "x".repeat(300) + ".example", "alice@-.example", "alice@xn--.example", "\uD800@example.com",
                "@", "alice@", "\u202Eadmin");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void theConsoleTakesItAsAWrongSignIn(String name) {
        HttpResponse<String> response = WebVisitor.anonymous(port).logInToConsole(name, "pass\0word");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?failed"));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void theAccountPageTakesItAsAWrongSignIn(String name) {
        HttpResponse<String> response = WebVisitor.anonymous(port).logInToAccount(name, "pass\0word");

        assertThat(response.statusCode()).isLessThan(500);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void theApiAnswers401(String name) {
        HttpResponse<String> response = WebVisitor.basic(port, name, "pass\0word").get("/api/v1/domains");

        if (name.length() > 6000) {
            // its Authorization field is over the server's limit for a request's header fields
            assertThat(response.statusCode()).isEqualTo(400);
            return;
        }
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void theRightPasswordAfterAHostileNameStillSignsIn(String name) {
        WebVisitor browser = WebVisitor.anonymous(port);
        browser.logInToConsole(name, "x");

        HttpResponse<String> right = browser.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);

        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("failed"));
    }

    static List<String> pathsWithANul() {
        return List.of("/api/v1/domains/ex%00ample.com", "/api/v1/users/al%00ice@example.com",
                "/api/v1/aliases/sales%00@example.com", "/api/v1/users?domain=ex%00ample.com",
                "/api/v1/users/alice@example.com/limits?x=%00", "/api/v1/quarantine?recipient=a%00b");
    }

    /** Past the sign-in, a NUL in a path or a query names nothing (404, 400, or an empty list): never a database error. */
    @ParameterizedTest
    @MethodSource("pathsWithANul")
    void aNulInAnApiPathIsNeverAServerError(String path) {
        HttpResponse<String> response = WebVisitor.basic(port, AdminTestApplication.ADMIN,
                AdminTestApplication.ADMIN_PASSWORD).get(path);

        assertThat(response.statusCode()).isLessThan(500);
    }
}
