package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.LoginThrottle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a configured reverse proxy (here the tests' own address, 127.0.0.1, plays the proxy):
 * the client address it forwards is the one the login throttle counts, and a request it received
 * over HTTPS gets a {@code Secure} session cookie.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.trusted-proxies=127.0.0.1/32,::1")
class TrustedProxyTest {

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;

    @Test
    void theClientAddressTheProxyForwardsIsCounted() throws Exception {
        InetAddress proxy = InetAddress.getByName("127.0.0.1");
        long proxyBefore = throttle.recentFailures(proxy);

        // the proxy appended the address it saw to what the client claimed: the rightmost one counts
        WebVisitor.anonymous(port).withHeaders("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                .logInToConsole(AdminTestApplication.ADMIN, "a wrong guess");

        assertThat(throttle.recentFailures(InetAddress.getByName("203.0.113.7"))).isEqualTo(1);
        assertThat(throttle.recentFailures(InetAddress.getByName("198.51.100.1"))).as("claimed by the client").isZero();
        assertThat(throttle.recentFailures(proxy)).isEqualTo(proxyBefore);
    }

    @Test
    void withoutAForwardedAddressTheProxyItselfIsTheClient() throws Exception {
        InetAddress proxy = InetAddress.getByName("127.0.0.1");
        long before = throttle.recentFailures(proxy);

        WebVisitor.anonymous(port).withHeaders("Forwarded", "for=198.51.100.9")
                .logInToConsole(AdminTestApplication.ADMIN, "a wrong guess");

        assertThat(throttle.recentFailures(proxy)).isEqualTo(before + 1);
        assertThat(throttle.recentFailures(InetAddress.getByName("198.51.100.9"))).isZero();
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
