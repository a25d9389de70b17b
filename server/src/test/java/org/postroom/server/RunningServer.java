package org.postroom.server;

import java.io.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the tests of the whole application in one JVM ({@code @SpringBootTest}) share. */
public final class RunningServer {

    private static TestDnsServer dns;

    private RunningServer() {
    }

    /**
     * {@code postroom.dns.servers} for the applications of this JVM: one DNS server on loopback
     * (empty: every name is unknown), so that no test asks a real one.
     */
    public static synchronized String dnsServers() {
        if (dns == null) {
            try {
                dns = new TestDnsServer();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "127.0.0.1:" + dns.address().getPort();
    }

    /**
     * A fresh PostgreSQL database, the data dir {@code dataDir}, the server name {@code hostname},
     * a free port for every mail listener, the test DNS server for every lookup, and the console on
     * plain HTTP only.
     */
    public static void configure(DynamicPropertyRegistry registry, Supplier<Path> dataDir, String hostname) {
        registry.add("postroom.dns.servers", RunningServer::dnsServers);
        registry.add("spring.datasource.url", TestDatabase::createUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("postroom.data-dir", () -> dataDir.get().toString());
        registry.add("postroom.hostname", () -> hostname);
        for (String listener : new String[] { "smtp", "submission", "smtps", "pop3", "pop3s" }) {
            registry.add("postroom." + listener + ".port", () -> "0");
        }
        // these tests talk plain HTTP to the console; HttpsConsoleIT tests its HTTPS port
        registry.add("postroom.https.enabled", () -> "false");
    }

    /** {@code message} as a client sends it after DATA: a line starting with a dot gets one more (RFC 5321 §4.5.2). */
    public static byte[] dotStuffed(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        return (text.startsWith(".") ? "." : "").concat(text.replace("\r\n.", "\r\n.."))
                .getBytes(StandardCharsets.ISO_8859_1);
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
