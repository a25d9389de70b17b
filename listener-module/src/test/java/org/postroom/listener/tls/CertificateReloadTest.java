package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postroom.listener.LineClient;
import org.postroom.listener.ListenerFixture;
import org.postroom.listener.RecordingSmtp;
import org.postroom.listener.TestReplies;
import org.postroom.listener.TestTls;
import org.postroom.listener.TransportSecurity;
import org.postroom.listener.tls.TestCertificates.KeyFormat;

/**
 * A renewed certificate (certbot's deploy, an operator's copy) is presented to new connections
 * without a restart; a broken replacement leaves the listener on the certificate it had. On both
 * engines: BoringSSL caches each certificate's native form, per key manager alias.
 */
class CertificateReloadTest {

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @TempDir
    Path directory;

    private CertificateFiles live;
    private CertificateFiles renewed;
    private ListenerTls tls;
    private CertificateFiles original;
    private int port;

    private void bindWithTheFirstCertificate(TlsEngine engine) throws Exception {
        original = TestCertificates.write(directory, "old.mx.test", TestCertificates.rsa(), KeyFormat.PKCS8);
        renewed = TestCertificates.write(directory, "new.mx.test", TestCertificates.rsa(), KeyFormat.PKCS8);
        live = new CertificateFiles(directory.resolve("live-cert.pem"), directory.resolve("live-key.pem"));
        replace(live, original);
        tls = new ListenerTls(live, CHECK_INTERVAL, engine);
        port = listeners.bind(new RecordingSmtp().protocol(), ListenerFixture.settings("smtps-reload", TestReplies.SMTP)
                .security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()))
                .build()).port();
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void aReplacedCertificateIsPresentedToNewConnectionsWithoutRebinding(TlsEngine engine) throws Exception {
        bindWithTheFirstCertificate(engine);
        try (LineClient before = LineClient.connectTls(port, newClient())) {
            assertThat(before.reply()).startsWith("220");
            assertThat(presented(before)).isEqualTo("CN=old.mx.test");

            replace(live, renewed);

            awaitPresentedToNewConnections("CN=new.mx.test");
            assertThat(tls.currentCertificate().subject()).isEqualTo("CN=new.mx.test");
            assertThat(before.command("NOOP")).as("the open connection keeps working").startsWith("250");
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void aBrokenReplacementKeepsTheCertificateInForceUntilAGoodOneArrives(TlsEngine engine) throws Exception {
        bindWithTheFirstCertificate(engine);
        Files.writeString(live.keyFile(), "-----BEGIN PRIVATE KEY-----\ntruncated", StandardCharsets.US_ASCII);

        // three checks of the files find the broken key, and every new connection still gets the old pair
        await().during(CHECK_INTERVAL.multipliedBy(3)).atMost(PATIENCE).untilAsserted(() -> {
            assertThat(newConnectionPresents()).isEqualTo("CN=old.mx.test");
            assertThat(tls.currentCertificate().subject()).isEqualTo("CN=old.mx.test");
        });

        replace(live, renewed);
        awaitPresentedToNewConnections("CN=new.mx.test");
    }

    /** Key first, certificate last, each moved into place: what a careful deploy hook does. */
    private static void replace(CertificateFiles target, CertificateFiles source) throws IOException {
        for (Path[] pair : List.of(new Path[] {source.keyFile(), target.keyFile()}, new Path[] {source.certFile(), target.certFile()})) {
            Path staged = Files.copy(pair[0], pair[1].resolveSibling(pair[1].getFileName() + ".new"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, pair[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The listener checks the files every {@link #CHECK_INTERVAL}: a replacement shows within a few. */
    private void awaitPresentedToNewConnections(String expected) {
        await().atMost(PATIENCE).pollInterval(CHECK_INTERVAL.dividedBy(2))
                .untilAsserted(() -> assertThat(newConnectionPresents()).isEqualTo(expected));
    }

    private String newConnectionPresents() throws Exception {
        try (LineClient session = LineClient.connectTls(port, newClient())) {
            session.reply();
            return presented(session);
        }
    }

    /**
     * A client that has not been here before: a JDK client context resumes its earlier TLS session,
     * and a resumed session keeps the certificate it was established with.
     */
    private SSLContext newClient() throws Exception {
        return TestTls.clientTrusting(original.certFile(), renewed.certFile());
    }

    private static String presented(LineClient session) throws Exception {
        return ((X509Certificate) session.tlsSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
}
