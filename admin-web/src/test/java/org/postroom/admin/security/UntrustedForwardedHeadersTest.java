package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that is not one of the configured reverse proxies (here every test request comes from
 * 127.0.0.1, and only 192.0.2.0/24 is trusted) cannot choose the address the login throttle
 * counts, nor pass for HTTPS, by sending forwarding headers of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.trusted-proxies=192.0.2.0/24")
@ExtendWith(OutputCaptureExtension.class)
class UntrustedForwardedHeadersTest {

    /** The login pipeline's line for a refused login, up to the client address it counted. */
    private static final String REFUSED = "web login refused for " + AdminTestApplication.ADMIN + " from ";

    @LocalServerPort
    int port;

    @Test
    void aForgedClientAddressIsIgnoredAndTheConnectionsAddressIsCounted(CapturedOutput output) {
        WebVisitor.anonymous(port).withHeaders("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.8")
                .logInToConsole(AdminTestApplication.ADMIN, "a wrong guess");

        assertThat(output.getOut()).as("the connection's address").contains(REFUSED + "127.0.0.1:")
                .as("forged").doesNotContain(REFUSED + "203.0.113.7").doesNotContain(REFUSED + "203.0.113.8");
    }

    @Test
    void aForgedHttpsDoesNotMakeThePlainConnectionSecure() {
        HttpResponse<String> login = WebVisitor.anonymous(port)
                .withHeaders("X-Forwarded-Proto", "https", "Forwarded", "proto=https").get("/login");

        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").doesNotContainIgnoringCase("Secure"));
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }
}
