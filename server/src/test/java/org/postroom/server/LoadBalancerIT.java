package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.net.pop3.POP3MessageInfo;
import org.apache.commons.net.pop3.POP3SClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;

/**
 * The packaged server behind a real HAProxy (Debian's package) on loopback, which sends a PROXY
 * header to port 25 (version 2) and to port 995 (version 1): a client connecting to HAProxy from
 * 127.0.0.9 is 127.0.0.9 to Postroom, in the Received header of its message and in the session
 * log lines of SMTP and POP3, though every connection Postroom accepts comes from HAProxy at
 * 127.0.0.1.
 */
@ExtendWith(HaproxyAvailable.class)
class LoadBalancerIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final InetAddress CLIENT = loopback("127.0.0.9");

    @Test
    void theClientBehindTheLoadBalancerIsTheClientForSmtpAndPop3(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir,
                Map.of("POSTROOM_PROXY_PROTOCOL_TRUSTED_NETWORKS", "127.0.0.1/32"))) {
            postroom.start("--postroom.hostname=mx.example.com");
            Database db = new Database(PostroomProcess.embeddedDatabase(workDir));
            new DomainRepository(db, "postroom").create("example.com");
            new UserRepository(db).create("alice@example.com", PASSWORD, null);

            int smtpFront = PostroomProcess.freePort();
            int pop3sFront = PostroomProcess.freePort();
            Path configuration = workDir.resolve("haproxy.cfg");
            Files.writeString(configuration, String.join("\n",
                    "defaults", "  mode tcp", "  timeout connect 5s", "  timeout client 60s", "  timeout server 60s",
                    "frontend smtp", "  bind 127.0.0.1:" + smtpFront, "  default_backend smtp",
                    "backend smtp", "  server postroom 127.0.0.1:" + postroom.port("SMTP") + " send-proxy-v2",
                    "frontend pop3s", "  bind 127.0.0.1:" + pop3sFront, "  default_backend pop3s",
                    "backend pop3s", "  server postroom 127.0.0.1:" + postroom.port("POP3S") + " send-proxy", ""));
            Process haproxy = new ProcessBuilder(HaproxyAvailable.HAPROXY.toString(), "-db", "-f", configuration.toString())
                    .redirectErrorStream(true).redirectOutput(workDir.resolve("haproxy.log").toFile()).start();
            try {
                awaitListening(smtpFront);
                awaitListening(pop3sFront);
                sendThrough(smtpFront);
                String message = downloadThrough(pop3sFront, workDir);

                assertThat(message).contains("Received: from client.example.net ([127.0.0.9])");
                // HAProxy's own connections (the readiness probe above) are 127.0.0.1's sessions
                assertThat(sessionLine(postroom, "ehlo=client.example.net")).contains("from 127.0.0.9 ");
                assertThat(sessionLine(postroom, "auth=alice@example.com")).contains("from 127.0.0.9 ");
            } finally {
                haproxy.destroy();
                haproxy.waitFor();
            }
        }
    }

    private static void sendThrough(int port) throws Exception {
        try (SmtpClient smtp = SmtpClient.connectFrom(CLIENT, port)) {
            assertThat(smtp.reply()).startsWith("220");
            smtp.command("EHLO client.example.net");
            assertThat(smtp.command("MAIL FROM:<bob@client.example.net>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<alice@example.com>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: through the load balancer\r\n\r\nhello\r\n.")).startsWith("250");
            smtp.command("QUIT");
        }
    }

    private static String downloadThrough(int port, Path workDir) throws Exception {
        POP3SClient pop3 = new POP3SClient(true, TrustedCertificate.generatedIn(workDir.resolve("data")));
        pop3.setDefaultTimeout(30_000);
        pop3.connect(InetAddress.getLoopbackAddress(), port, CLIENT, 0);
        try {
            assertThat(pop3.login("alice@example.com", PASSWORD)).as(pop3.getReplyString()).isTrue();
            POP3MessageInfo[] messages = pop3.listMessages();
            assertThat(messages).hasSize(1);
            StringWriter text = new StringWriter();
            try (Reader reader = pop3.retrieveMessage(messages[0].number)) {
                reader.transferTo(text);
            }
            assertThat(pop3.logout()).isTrue();
            return text.toString();
        } finally {
            pop3.disconnect();
        }
    }

    /** The log line of the one session that {@code marker} tells, once written: the server logs it after the last reply. */
    private static String sessionLine(PostroomProcess postroom, String marker) {
        return Awaitility.await("the session log line with " + marker).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(
                        () -> postroom.log().lines().filter(line -> line.contains(marker)).toList(),
                        lines -> lines.size() == 1).get(0);
    }

    private static void awaitListening(int port) {
        Awaitility.await("HAProxy listens on " + port).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        return true;
                    }
                });
    }

    private static InetAddress loopback(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
