package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.ListenerTls;

/**
 * Limits answer with the protocol's reply before closing (James closes silently, RFC 5321 §3.8
 * asks for a 421), and count admitted connections only, released when they close.
 */
class ConnectionLimitTest {

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void theClientBeyondTheListenersLimitIsToldWhyAndDisconnected() throws Exception {
        int port = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-limit", TestReplies.SMTP).maxConnections(2).build()).port();

        try (LineClient first = LineClient.connect(port); LineClient second = LineClient.connect(port)) {
            assertThat(first.reply()).startsWith("220");
            assertThat(second.reply()).startsWith("220");

            try (LineClient third = LineClient.connect(port)) {
                assertThat(third.readLine()).isEqualTo(TestReplies.SMTP.tooManyConnections());
                assertThat(third.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws Exception {
        int port = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-limit", TestReplies.SMTP).maxConnections(1).build()).port();
        try (LineClient first = LineClient.connect(port)) {
            first.reply();
            assertThat(first.command("QUIT")).startsWith("221");
        }

        // the server frees the place when it sees the close, a moment after the client's close
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> greeting(port),
                greeting -> !greeting.equals(TestReplies.SMTP.tooManyConnections()))).startsWith("220");
    }

    @Test
    void anAddressBeyondItsShareIsToldWhyWhileOtherAddressesAreServed() throws Exception {
        int port = listeners.bind(new RecordingPop3().protocol(),
                ListenerFixture.settings("pop3-limit", TestReplies.POP3).maxConnectionsPerAddress(2).build()).port();
        InetAddress busy = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");

        try (LineClient first = LineClient.connectFrom(busy, port); LineClient second = LineClient.connectFrom(busy, port)) {
            assertThat(first.readLine()).startsWith("+OK");
            assertThat(second.readLine()).startsWith("+OK");

            try (LineClient third = LineClient.connectFrom(busy, port)) {
                assertThat(third.readLine()).isEqualTo(TestReplies.POP3.tooManyConnectionsFromAddress());
                assertThat(third.closedByServer()).isTrue();
            }
            try (LineClient elsewhere = LineClient.connectFrom(other, port)) {
                assertThat(elsewhere.readLine()).startsWith("+OK");
            }
        }
    }

    @Test
    void onAnImplicitTlsListenerTheRefusalIsSentInsideTls(@TempDir Path tlsDirectory) throws Exception {
        ListenerTls tls = ListenerTls.selfSigned(tlsDirectory, "mx.test");
        int port = listeners.bind(new RecordingSmtp().protocol(), ListenerFixture.settings("smtps-limit", TestReplies.SMTP)
                .security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()))
                .maxConnections(1)
                .build()).port();
        var client = TestTls.clientTrusting(tlsDirectory.resolve("selfsigned-cert.pem"));

        try (LineClient first = LineClient.connectTls(port, client)) {
            assertThat(first.reply()).startsWith("220");
            try (LineClient second = LineClient.connectTls(port, client)) {
                assertThat(second.readLine()).isEqualTo(TestReplies.SMTP.tooManyConnections());
            }
        }
    }

    private static String greeting(int port) throws Exception {
        try (LineClient client = LineClient.connect(port)) {
            return client.readLine();
        }
    }
}
