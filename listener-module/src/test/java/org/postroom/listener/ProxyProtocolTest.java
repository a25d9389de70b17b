package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.ListenerTls;

/**
 * Behind a load balancer: a connection from a trusted proxy (here 127.0.0.1) begins with a PROXY
 * header, version 1 (text) or 2 (binary), and the client it names is the session's client, for
 * the limits and the logs too; without a valid header it is closed. A connection from elsewhere
 * (127.0.0.2) is its own client, and one that sends a header is closed: it would choose its
 * address.
 */
class ProxyProtocolTest {

    private static final InetAddress PROXY = InetAddress.getLoopbackAddress();
    private static final ProxyProtocol TRUSTING_LOOPBACK_ONE = ProxyProtocol.from(PROXY::equals);
    private static final byte[] SIGNATURE = { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    private final RecordingSmtp smtp = new RecordingSmtp();

    @Test
    void theClientNamedInAVersionOneHeaderIsTheSessionsClient() throws Exception {
        int port = bind(settings("smtp-proxied"));

        try (LineClient client = LineClient.connect(port)) {
            client.write("PROXY TCP4 203.0.113.7 192.0.2.1 40000 25\r\n");
            assertThat(client.reply()).startsWith("220");
            beginsMail(client);
        }

        assertThat(smtp.mails()).singleElement().satisfies(mail -> {
            assertThat(mail.client()).isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 40000));
            assertThat(mail.logContext()).containsEntry("ip", "203.0.113.7");
        });
    }

    @Test
    void onAnImplicitTlsListenerTheVersionTwoHeaderComesBeforeTheHandshake(@TempDir Path tlsDirectory)
            throws Exception {
        ListenerTls tls = ListenerTls.selfSigned(tlsDirectory, "mx.test");
        int port = bind(settings("smtps-proxied").security(TransportSecurity.implicitTls(tls.implicitTlsEncryption())));

        try (LineClient client = LineClient.connect(port)) {
            client.write(versionTwo(InetAddress.getByName("2001:db8::7"), 50000));
            client.startTls(TestTls.clientTrusting(tlsDirectory.resolve("selfsigned-cert.pem")));
            assertThat(client.reply()).startsWith("220");
            beginsMail(client);
        }

        assertThat(smtp.mails()).singleElement().satisfies(mail -> {
            assertThat(mail.tls()).isTrue();
            assertThat(mail.client().getAddress()).isEqualTo(InetAddress.getByName("2001:db8::7"));
        });
    }

    @Test
    void aLocalHeaderIsTheProxysOwnConnection() throws Exception {
        int port = bind(settings("smtp-proxied"));

        try (LineClient client = LineClient.connect(port)) {
            client.write(versionTwoLocal());
            assertThat(client.reply()).startsWith("220");
            beginsMail(client);
        }

        assertThat(smtp.mails()).singleElement().satisfies(mail -> assertThat(mail.client().getAddress()).isEqualTo(PROXY));
    }

    @Test
    void aTrustedProxysConnectionWithoutAHeaderIsClosedWithoutAGreeting() throws Exception {
        int port = bind(settings("smtp-proxied"));

        try (LineClient client = LineClient.connect(port)) {
            client.write("EHLO client.test\r\n");
            assertThat(client.readLine()).isNull();
        }
        try (LineClient silent = LineClient.connect(port)) {
            // the deadline is the command timeout, one second here
            assertThat(silent.inputWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(silent.readLine()).isNull();
        }
        assertThat(smtp.mails()).isEmpty();
    }

    @Test
    void anotherAddressIsItsOwnClientAndMayNotSendAHeader() throws Exception {
        InetAddress stranger = InetAddress.getByName("127.0.0.2");
        int port = bind(settings("smtp-proxied"));

        try (LineClient forger = LineClient.connectFrom(stranger, port)) {
            assertThat(forger.reply()).startsWith("220");
            forger.write("PROXY TCP4 198.51.100.1 192.0.2.1 40000 25\r\n");
            assertThat(forger.readLine()).isNull();
        }
        try (LineClient forger = LineClient.connectFrom(stranger, port)) {
            assertThat(forger.reply()).startsWith("220");
            forger.write(versionTwo(InetAddress.getByName("198.51.100.1"), 40000));
            assertThat(forger.readLine()).isNull();
        }
        try (LineClient client = LineClient.connectFrom(stranger, port)) {
            assertThat(client.reply()).startsWith("220");
            beginsMail(client);
        }
        assertThat(smtp.mails()).singleElement().satisfies(mail -> assertThat(mail.client().getAddress()).isEqualTo(stranger));
    }

    @Test
    void theLimitPerAddressCountsTheClientsNotTheProxy() throws Exception {
        int port = bind(settings("smtp-proxied").maxConnectionsPerAddress(1));

        try (LineClient first = LineClient.connect(port); LineClient second = LineClient.connect(port);
                LineClient other = LineClient.connect(port)) {
            first.write("PROXY TCP4 203.0.113.7 192.0.2.1 40000 25\r\n");
            assertThat(first.reply()).startsWith("220");
            second.write("PROXY TCP4 203.0.113.7 192.0.2.1 40001 25\r\n");
            assertThat(second.readLine()).isEqualTo(TestReplies.SMTP.tooManyConnectionsFromAddress());
            other.write("PROXY TCP4 203.0.113.8 192.0.2.1 40002 25\r\n");
            assertThat(other.reply()).startsWith("220");
        }
    }

    private static void beginsMail(LineClient client) throws Exception {
        client.command("EHLO client.test");
        assertThat(client.command("MAIL FROM:<a@client.test>")).startsWith("250");
    }

    private ListenerSettings.Builder settings(String name) {
        return ListenerFixture.settings(name, TestReplies.SMTP).proxyProtocol(TRUSTING_LOOPBACK_ONE)
                .commandTimeout(Duration.ofSeconds(1));
    }

    private int bind(ListenerSettings.Builder settings) {
        return listeners.bind(smtp.protocol(), settings.build()).port();
    }

    /** A version 2 PROXY header for a TCP client over IPv6 (the proxy's side: 2001:db8::1 port 25). */
    private static byte[] versionTwo(InetAddress client, int port) throws Exception {
        byte[] source = client.getAddress();
        boolean ipv6 = source.length == 16;
        byte[] destination = InetAddress.getByName(ipv6 ? "2001:db8::1" : "192.0.2.1").getAddress();
        ByteBuffer addresses = ByteBuffer.allocate(source.length * 2 + 4).put(source).put(destination)
                .putShort((short) port).putShort((short) 25);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(SIGNATURE);
        header.write(0x21); // version 2, PROXY
        header.write(ipv6 ? 0x21 : 0x11); // TCP over IPv6 or IPv4
        header.write(ByteBuffer.allocate(2).putShort((short) addresses.capacity()).array());
        header.write(addresses.array());
        return header.toByteArray();
    }

    /** A version 2 LOCAL header: the proxy's own connection, its health check. */
    private static byte[] versionTwoLocal() throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(SIGNATURE);
        header.write(new byte[] { 0x20, 0x00, 0x00, 0x00 });
        return header.toByteArray();
    }
}
