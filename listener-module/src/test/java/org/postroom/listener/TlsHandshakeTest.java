package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.listener.tls.TlsEngine;

/**
 * Implicit TLS (RFC 8314) with the JDK's TLS client, on both server TLS engines. The test JVM
 * re-allows TLS 1.0/1.1 and weak suites in the JDK (see the surefire configuration), so the
 * refusals below come from the listener's own policy.
 */
class TlsHandshakeTest {

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @TempDir
    Path tlsDirectory;

    private SSLContext client;
    private int port;

    private void bindImplicitTlsListener(TlsEngine engine) throws Exception {
        ListenerTls tls = ListenerTls.selfSigned(tlsDirectory, "mx.test", engine);
        client = TestTls.clientTrusting(tlsDirectory.resolve("selfsigned-cert.pem"));
        port = listeners.bind(new RecordingSmtp().protocol(), ListenerFixture.settings("smtps-test", TestReplies.SMTP)
                .security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()))
                .build()).port();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void theGreetingArrivesInsideTls13(TlsEngine engine) throws Exception {
        bindImplicitTlsListener(engine);
        try (LineClient session = LineClient.connectTls(port, client)) {
            assertThat(session.reply()).startsWith("220");
            assertThat(session.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
            assertThat(session.command("EHLO client.test")).startsWith("250");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void aTls12ClientGetsForwardSecrecyAndAnAeadCipher(TlsEngine engine) throws Exception {
        bindImplicitTlsListener(engine);
        try (LineClient session = LineClient.connectTls(port, client, "TLSv1.2")) {
            assertThat(session.reply()).startsWith("220");
            assertThat(session.tlsSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(session.tlsSession().getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void aReturningClientResumesItsTlsSessionInsteadOfAFullHandshake(TlsEngine engine) throws Exception {
        bindImplicitTlsListener(engine);
        byte[] firstSession;
        try (LineClient first = LineClient.connectTls(port, client, "TLSv1.2")) {
            first.reply();
            firstSession = first.tlsSession().getId();
        }
        try (LineClient second = LineClient.connectTls(port, client, "TLSv1.2")) {
            second.reply();
            assertThat(second.tlsSession().getId()).isEqualTo(firstSession);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void aClientThatSpeaksOnlyTls11IsRefused(TlsEngine engine) throws Exception {
        bindImplicitTlsListener(engine);
        assertThatThrownBy(() -> LineClient.connectTls(port, client, "TLSv1.1").close())
                .isInstanceOf(IOException.class);
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void aTls12ClientOfferingOnlyCbcSuitesIsRefused(TlsEngine engine) throws Exception {
        bindImplicitTlsListener(engine);
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
        }
    }
}
