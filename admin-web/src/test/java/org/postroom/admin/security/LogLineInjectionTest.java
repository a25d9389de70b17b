package org.postroom.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postroom.admin.WebVisitor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A name typed at a login (form or HTTP Basic) reaches the log, but never as more than one line:
 * a CR or LF in it cannot forge a log entry an operator or a log shipper would believe.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LogLineInjectionTest {

    private static final String FORGED = "2030-01-01T00:00:00.000Z  INFO 1 --- [main] forged: admin logged in";

    @LocalServerPort
    int port;

    @Test
    void aLoginNameCannotStartALogLineOfItsOwn(CapturedOutput output) {
        WebVisitor browser = WebVisitor.anonymous(port);

        browser.logInToConsole("evil\r\n" + FORGED, "not the password");
        browser.submitForm("/account/login", "/account/login", "address", "evil@example.com\n" + FORGED, "password", "x");
        WebVisitor.basic(port, "evil\n" + FORGED, "not the password").get("/api/v1/domains");

        assertThat(output.getAll()).doesNotContain("\n" + FORGED).doesNotContain("\r" + FORGED)
                .contains(FORGED.substring(FORGED.indexOf("forged")).replace(' ', '?'));
    }
}
