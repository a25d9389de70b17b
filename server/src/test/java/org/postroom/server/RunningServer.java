package org.postroom.server;

import java.io.Reader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.postroom.storage.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the tests of the whole application in one JVM ({@code @SpringBootTest}) share. */
public final class RunningServer {

    private RunningServer() {
    }

    /**
     * A fresh PostgreSQL database, the data dir {@code dataDir}, the server name {@code hostname}
     * and a free port for every mail listener.
     */
    public static void configure(DynamicPropertyRegistry registry, Supplier<Path> dataDir, String hostname) {
        registry.add("spring.datasource.url", TestDatabase::createUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("postroom.data-dir", () -> dataDir.get().toString());
        registry.add("postroom.hostname", () -> hostname);
        for (String listener : new String[] { "smtp", "submission", "smtps", "pop3", "pop3s" }) {
            registry.add("postroom." + listener + ".port", () -> "0");
        }
    }

    /**
     * A message a POP3 client retrieved, as the server sent it: Commons Net reads POP3 as
     * ISO-8859-1, one char per byte, so the bytes come back unchanged.
     */
    public static byte[] retrieved(Reader message) throws IOException {
        try (message) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = message.read(buffer); n > 0; n = message.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
