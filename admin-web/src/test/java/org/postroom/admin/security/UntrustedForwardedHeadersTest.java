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
 * A client that is not one of the configured reverse proxies (here every test request comes from
 * 127.0.0.1, and only 192.0.2.0/24 is trusted) cannot choose the address the login throttle
 * counts, nor pass for HTTPS, by sending forwarding headers of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "test.trusted-proxies=192.0.2.0/24")
class UntrustedForwardedHeadersTest {

    @LocalServerPort
    int port;
    @Autowired
    LoginThrottle throttle;

    @Test
    void aForgedClientAddressIsIgnoredAndTheConnectionsAddressIsCounted() throws Exception {
        InetAddress connection = InetAddress.getByName("127.0.0.1");
        long before = throttle.recentFailures(connection);

        WebVisitor.anonymous(port).withHeaders("X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.8")
                .logInToConsole(AdminTestApplication.ADMIN, "a wrong guess");

        assertThat(throttle.recentFailures(connection)).as("the connection's address").isEqualTo(before + 1);
        assertThat(throttle.recentFailures(InetAddress.getByName("203.0.113.7"))).as("forged").isZero();
        assertThat(throttle.recentFailures(InetAddress.getByName("203.0.113.8"))).as("forged").isZero();
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
