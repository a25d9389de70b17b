package org.postroom.admin.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.ProblemResponses.assertProblem;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.tokens.ApiTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code postroom.api.basic-enabled=false}: a right administrator's password over HTTP Basic gets 401; tokens work. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.api.basic-enabled=false")
class BasicSwitchedOffTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;

    @Test
    void basicGets401AndATokenStillOpensTheApi() {
        var basic = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD)
                .get("/api/v1/domains");
        assertProblem(basic, 401, "HTTP Basic is switched off");
        assertThat(basic.headers().allValues("WWW-Authenticate")).noneMatch(header -> header.startsWith("Basic"));

        Instant now = Instant.now();
        String token = tokens.create(AdminTestApplication.ADMIN, "script", null, false, now.plus(Duration.ofDays(1)), now)
                .value();
        assertThat(WebVisitor.bearer(port, token).get("/api/v1/domains").statusCode()).isEqualTo(200);
        // the console's form login is not HTTP Basic and stays
        WebVisitor console = WebVisitor.anonymous(port);
        console.logInToConsole(AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(console.get("/tokens").statusCode()).isEqualTo(200);
    }
}
