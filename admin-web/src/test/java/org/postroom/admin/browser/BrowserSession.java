package org.postroom.admin.browser;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test class shares: skipped (or failed, when required) without chromium,
 * the application on a random port, one browser for the whole class, and test methods that are
 * steps of one session, run in their {@code @Order}.
 */
@ExtendWith(BrowserAvailable.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserSession {

    @LocalServerPort
    int port;

    Browser browser;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = Browser.start(port);
    }

    @AfterAll
    void stopBrowser() throws IOException {
        browser.close();
    }
}
