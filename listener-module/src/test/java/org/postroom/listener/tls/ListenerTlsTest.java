package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every listener's TLS engine is allowed to negotiate, and what the admin console is told. */
class ListenerTlsTest {

    @TempDir
    Path directory;

    @Test
    void enginesOfferOnlyTls13And12WithForwardSecretAeadSuites() {
        ListenerTls tls = ListenerTls.selfSigned(directory, "mx.test");

        for (SSLEngine engine : new SSLEngine[] {
            tls.startTlsEncryption().sslHandler().engine(), tls.implicitTlsEncryption().sslHandler().engine()}) {
            assertThat(engine.getUseClientMode()).isFalse();
            assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(engine.getEnabledCipherSuites()).containsExactlyElementsOf(TlsPolicy.CIPHER_SUITES);
            assertThat(Arrays.stream(engine.getEnabledCipherSuites()).filter(suite -> suite.contains("_WITH_")))
                    .allSatisfy(suite -> assertThat(suite).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_"));
        }
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
