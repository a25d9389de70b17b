package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;

/** What every listener's TLS engine is allowed to negotiate, and what the admin console is told. */
class ListenerTlsTest {

    @TempDir
    Path directory;

    /**
     * BoringSSL's engine always lists SSLv2Hello, a ClientHello format that it refuses anyway, and
     * lists its three TLS 1.3 suites last (BoringSSL does not let them be chosen).
     */
    @ParameterizedTest
    @EnumSource(value = TlsEngine.class, names = {"BORINGSSL", "JDK"})
    void enginesOfferOnlyTls13And12WithForwardSecretAeadSuites(TlsEngine choice) {
        ListenerTls tls = ListenerTls.selfSigned(directory, "mx.test", choice);

        for (SSLEngine engine : new SSLEngine[] {
            tls.startTlsEncryption().sslHandler().engine(), tls.implicitTlsEncryption().sslHandler().engine()}) {
            assertThat(engine.getUseClientMode()).isFalse();
            assertThat(engine.getEnabledProtocols()).filteredOn(protocol -> !protocol.equals("SSLv2Hello"))
                    .containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(engine.getEnabledCipherSuites()).containsExactlyInAnyOrderElementsOf(TlsPolicy.CIPHER_SUITES);
            assertThat(Arrays.stream(engine.getEnabledCipherSuites()).filter(suite -> suite.contains("_WITH_")))
                    .as("TLS 1.2 suites in the policy's order of preference")
                    .containsExactlyElementsOf(TlsPolicy.CIPHER_SUITES.stream().filter(suite -> suite.contains("_WITH_")).toList());
            assertThat(Arrays.stream(engine.getEnabledCipherSuites()).filter(suite -> suite.contains("_WITH_")))
                    .allSatisfy(suite -> assertThat(suite).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_"));
        }
    }

    @Test
    void autoChoosesBoringSslWhereItsNativeLibraryLoads() {
        assertThat(OpenSsl.isAvailable()).as("BoringSSL loads on the build machines").isTrue();

        ListenerTls tls = ListenerTls.selfSigned(directory, "mx.test");

        assertThat(tls.engine()).isEqualTo(TlsEngine.BORINGSSL);
        assertThat(tls.engineDescription()).startsWith("BoringSSL");
        assertThat(tls.implicitTlsEncryption().sslHandler().engine()).isInstanceOf(ReferenceCountedOpenSslEngine.class);
    }

    @Test
    void theJdkEngineIsTheJdksOwn() {
        ListenerTls tls = ListenerTls.selfSigned(directory, "mx.test", TlsEngine.JDK);

        assertThat(tls.engine()).isEqualTo(TlsEngine.JDK);
        assertThat(tls.engineDescription()).startsWith("JDK 17");
        assertThat(tls.implicitTlsEncryption().sslHandler().engine().getClass().getName()).startsWith("sun.security.ssl.");
    }

    @Test
    void startTlsAndImplicitTlsEncryptionsAreInTheirModes() {
        ListenerTls tls = ListenerTls.selfSigned(directory, "mx.test");

        assertThat(tls.startTlsEncryption().isStartTLS()).isTrue();
        assertThat(tls.implicitTlsEncryption().isStartTLS()).isFalse();
    }

    @Test
    void describesTheCertificateInForce() {
        CertificateInfo info = ListenerTls.selfSigned(directory, "mx.test").currentCertificate();

        assertThat(info.subject()).isEqualTo("CN=mx.test");
        assertThat(info.selfSigned()).isTrue();
        assertThat(info.notAfter()).isBetween(Instant.now().plus(Duration.ofDays(729)), Instant.now().plus(Duration.ofDays(731)));
    }

    @Test
    void anOperatorCertificateIsDescribedWithItsIssuer() throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "mail.example.com", TestCertificates.ec(),
                TestCertificates.KeyFormat.PKCS8);

        CertificateInfo info = ListenerTls.fromPemFiles(files.certFile(), files.keyFile()).currentCertificate();

        assertThat(info.subject()).isEqualTo("CN=mail.example.com");
        assertThat(info.issuer()).isEqualTo("CN=mail.example.com");
    }
}
