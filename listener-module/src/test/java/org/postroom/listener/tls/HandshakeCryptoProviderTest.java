package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.time.Duration;

import javax.crypto.KeyAgreement;

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
 * Once the listeners' TLS is set up, signing with an EC private key and the X25519 key exchange
 * (what the server does in each full handshake) are Bouncy Castle's, and their results agree with
 * the JDK's own implementations: signatures verify with the JDK's ECDSA, shared secrets equal the
 * JDK's. Nothing else changes hands: verification and RSA signing stay with the JDK. A handshake
 * with an EC certificate works with every protocol version the listeners offer.
 */
class HandshakeCryptoProviderTest {

    private static final byte[] HANDSHAKE_TRANSCRIPT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @TempDir
    Path directory;

    @Test
    void ecSignaturesComeFromTheFastProviderAndVerifyWithTheJdk() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test", TlsEngine.JDK);
        KeyPair pair = TestCertificates.ec();

        for (PrivateKey key : new PrivateKey[] {pair.getPrivate(), HandshakeCryptoProvider.handshakeKey(pair.getPrivate())}) {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(HANDSHAKE_TRANSCRIPT);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(pair.getPublic());
            verifier.update(HANDSHAKE_TRANSCRIPT);
            assertThat(signer.getProvider().getName()).isEqualTo(HandshakeCryptoProvider.NAME);
            assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");
            assertThat(verifier.verify(signature)).isTrue();
        }
    }

    /** The calls JSSE makes for an X25519 key share: key pair, peer key from its u, agreement. */
    @Test
    void x25519SharedSecretsAreTheJdksForEveryKeyTried() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test", TlsEngine.JDK);
        KeyPairGenerator jdkGenerator = KeyPairGenerator.getInstance("XDH", "SunEC");
        jdkGenerator.initialize(NamedParameterSpec.X25519);

        // 500 pairs: a secret with leading zero bytes (1 in 256) must not lose them
        for (int i = 0; i < 500; i++) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH");
            generator.initialize(NamedParameterSpec.X25519, new SecureRandom());
            KeyPair server = generator.generateKeyPair();
            KeyPair client = jdkGenerator.generateKeyPair();

            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(server.getPrivate());
            agreement.doPhase(peerKey(KeyFactory.getInstance("XDH"), client), true);
            byte[] serverSecret = agreement.generateSecret("TlsPremasterSecret").getEncoded();

            KeyAgreement jdkAgreement = KeyAgreement.getInstance("XDH", "SunEC");
            jdkAgreement.init(client.getPrivate());
            jdkAgreement.doPhase(peerKey(KeyFactory.getInstance("XDH", "SunEC"), server), true);

            assertThat(generator.getProvider().getName()).isEqualTo(HandshakeCryptoProvider.NAME);
            assertThat(agreement.getProvider().getName()).isEqualTo(HandshakeCryptoProvider.NAME);
            assertThat(serverSecret).hasSize(32).isEqualTo(jdkAgreement.generateSecret("TlsPremasterSecret").getEncoded());
        }
    }

    @Test
    void theHandshakeKeyIsTheSameEcKeyWithTheJdksCurve() throws Exception {
        ECPrivateKey jdkKey = (ECPrivateKey) TestCertificates.ec().getPrivate();

        ECPrivateKey handshakeKey = (ECPrivateKey) HandshakeCryptoProvider.handshakeKey(jdkKey);

        assertThat(handshakeKey).isNotSameAs(jdkKey);
        assertThat(handshakeKey.getS()).isEqualTo(jdkKey.getS());
        assertThat(handshakeKey.getParams()).isSameAs(jdkKey.getParams());
        assertThat(handshakeKey.getAlgorithm()).isEqualTo("EC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void anEcCertificateCompletesHandshakesOfEveryOfferedVersion(String protocol) throws Exception {
        CertificateFiles files = TestCertificates.write(directory, "ec.mx.test", TestCertificates.ec(), KeyFormat.PKCS8);
        ListenerTls tls = new ListenerTls(files, Duration.ofMinutes(1), TlsEngine.JDK);
        int port = listeners.bind(new RecordingSmtp().protocol(), ListenerFixture.settings("smtps-ec", TestReplies.SMTP)
                .security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()))
                .build()).port();

        try (LineClient session = LineClient.connectTls(port, TestTls.clientTrusting(files.certFile()), protocol)) {
            assertThat(session.reply()).startsWith("220");
            assertThat(session.tlsSession().getProtocol()).isEqualTo(protocol);
        }
    }

    private static PublicKey peerKey(KeyFactory factory, KeyPair peer) throws Exception {
        BigInteger u = ((XECPublicKey) peer.getPublic()).getU();
        return factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
    }

    @Test
    void rsaSigningStaysWithTheJdk() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test", TlsEngine.JDK);

        PrivateKey rsaKey = TestCertificates.rsa().getPrivate();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsaKey);

        assertThat(signer.getProvider().getName()).isEqualTo("SunRsaSign");
        assertThat(HandshakeCryptoProvider.handshakeKey(rsaKey)).isSameAs(rsaKey);
    }
}
