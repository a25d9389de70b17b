package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postroom.listener.LineClient;
import org.postroom.listener.ListenerFixture;
import org.postroom.listener.RecordingSmtp;
import org.postroom.listener.TestReplies;
import org.postroom.listener.TestTls;
import org.postroom.listener.TransportSecurity;
import org.postroom.listener.tls.TestCertificates.KeyFormat;

/**
 * Once the listeners' TLS is set up, signing with an EC private key (what the server does in each
 * full handshake) is Bouncy Castle's, its signatures verify with the JDK's own ECDSA, and nothing
 * else changes hands: verification and RSA signing stay with the JDK. The key handed to the
 * handshake in Bouncy Castle's class still works with every protocol version the listeners offer.
 */
class EcdsaSigningProviderTest {

    private static final byte[] HANDSHAKE_TRANSCRIPT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @TempDir
    Path directory;

    @Test
    void ecSignaturesComeFromTheFastProviderAndVerifyWithTheJdk() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test");
        KeyPair pair = TestCertificates.ec();

        for (PrivateKey key : new PrivateKey[] {pair.getPrivate(), EcdsaSigningProvider.handshakeKey(pair.getPrivate())}) {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(HANDSHAKE_TRANSCRIPT);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(HANDSHAKE_TRANSCRIPT);
            assertThat(signer.getProvider().getName()).isEqualTo(EcdsaSigningProvider.NAME);
            assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    @Test
    void theHandshakeKeyIsTheSameEcKeyWithTheJdksCurve() throws Exception {
        ECPrivateKey jdkKey = (ECPrivateKey) TestCertificates.ec().getPrivate();

        ECPrivateKey handshakeKey = (ECPrivateKey) EcdsaSigningProvider.handshakeKey(jdkKey);

        assertThat(handshakeKey).isNotSameAs(jdkKey);
        assertThat(handshakeKey.getS()).isEqualTo(jdkKey.getS());
        assertThat(handshakeKey.getParams()).isSameAs(jdkKey.getParams());
        assertThat(handshakeKey.getAlgorithm()).isEqualTo("EC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void anEcCertificateCompletesHandshakesOfEveryOfferedVersion(String protocol) throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "ec.mx.test", TestCertificates.ec(), KeyFormat.PKCS8);
        ListenerTls tls = new ListenerTls(files, Duration.ofMinutes(1));
        int port = listeners.bind(new RecordingSmtp().protocol(), ListenerFixture.settings("smtps-ec", TestReplies.SMTP)
                .security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()))
                .build()).port();

        try (LineClient session = LineClient.connectTls(port, TestTls.clientTrusting(files.certFile()), protocol)) {
            assertThat(session.reply()).startsWith("220");
            assertThat(session.tlsSession().getProtocol()).isEqualTo(protocol);
        }
    }

    @Test
    void rsaSigningStaysWithTheJdk() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test");

        PrivateKey rsaKey = TestCertificates.rsa().getPrivate();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsaKey);

        assertThat(signer.getProvider().getName()).isEqualTo("SunRsaSign");
        assertThat(EcdsaSigningProvider.handshakeKey(rsaKey)).isSameAs(rsaKey);
    }
}
