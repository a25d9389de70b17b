package org.postroom.server.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import org.postroom.server.RunningServer;
import org.postroom.server.TrustedCertificate;
import org.postroom.storage.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real PostgreSQL with every listener on a free port, shared by all
 * wiring tests: they extend this class and so get ONE cached Spring context between them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class WiredApplicationTest {

    static final String HOSTNAME = "mail.wired.example";
    static final String ADMIN_PASSWORD = "wired admin secret";
    static final Path DATA_DIR = temporaryDirectory();
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::createUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("postroom.data-dir", DATA_DIR::toString);
        registry.add("postroom.hostname", () -> HOSTNAME);
        registry.add("postroom.admin.password", () -> ADMIN_PASSWORD);
        registry.add("postroom.dns.servers", RunningServer::dnsServers);
        for (String listener : new String[] { "smtp", "submission", "smtps", "pop3", "pop3s" }) {
            registry.add("postroom." + listener + ".port", () -> "0");
        }
        // the wiring tests talk plain HTTP to the console; HttpsConsoleIT tests its HTTPS port
        registry.add("postroom.https.enabled", () -> "false");
        registry.add("postroom.smtp.max-message-size", () -> "2MB");
        // short enough for the tests that a slow client is cut off, long for a client that is not
        registry.add("postroom.smtp.command-timeout", () -> COMMAND_TIMEOUT.toSeconds() + "s");
        registry.add("postroom.smtp.data-rate-window", () -> COMMAND_TIMEOUT.toSeconds() + "s");
        registry.add("postroom.pop3.command-timeout", () -> COMMAND_TIMEOUT.toSeconds() + "s");
    }

    /** A TLS client context that trusts exactly the certificate the application generated. */
    static SSLContext trustingGeneratedCertificate() throws Exception {
        return TrustedCertificate.generatedIn(DATA_DIR);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("postroom-wired-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
