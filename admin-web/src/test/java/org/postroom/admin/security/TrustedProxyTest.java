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
 * Behind a configured reverse proxy (here the tests' own address, 127.0.0.1, plays the proxy):
 * the client address it forwards is the one the login throttle counts, and a request it received
 * over HTTPS gets a {@code Secure} session cookie.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.trusted-proxies=127.0.0.1/32,::1")
@ExtendWith(OutputCaptureExtension.class)
class TrustedProxyTest {

    /** The login pipeline's line for a refused login, up to the client address it counted. */
    private static final String REFUSED = "web login refused for " + AdminTestApplication.ADMIN + " from ";

    @LocalServerPort
    int port;

    @Test
    void theClientAddressTheProxyForwardsIsCounted(CapturedOutput output) {
        // the proxy appended the address it saw to what the client claimed: the rightmost one counts
        WebVisitor.anonymous(port).withHeaders("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                .logInToConsole(AdminTestApplication.ADMIN, "a wrong guess");

        assertThat(output.getOut()).contains(REFUSED + "203.0.113.7:")
                .as("claimed by the client").doesNotContain(REFUSED + "198.51.100.1")
                .as("the proxy").doesNotContain(REFUSED + "127.0.0.1");
    }

    @Test
    void withoutAForwardedAddressTheProxyItselfIsTheClient(CapturedOutput output) {
        WebVisitor.anonymous(port).withHeaders("Forwarded", "for=198.51.100.9")
                .logInToConsole(AdminTestApplication.ADMIN, "a wrong guess");

        assertThat(output.getOut()).contains(REFUSED + "127.0.0.1:").doesNotContain(REFUSED + "198.51.100.9");
    }

    @Test
    void aRequestTheProxyReceivedOverHttpsGetsASecureCookie() {
        HttpResponse<String> overHttps = WebVisitor.anonymous(port).withHeaders("X-Forwarded-Proto", "https")
                .get("/login");
        HttpResponse<String> overHttp = WebVisitor.anonymous(port).withHeaders("X-Forwarded-Proto", "http")
                .get("/login");

        assertThat(overHttps.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(overHttps.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(overHttp.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").doesNotContain("Secure"));
    }
}
