package org.postroom.listener.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once the listeners' TLS is set up, signing with an EC private key (what the server does in each
 * full handshake) is Bouncy Castle's, its signatures verify with the JDK's own ECDSA, and nothing
 * else changes hands: verification and RSA signing stay with the JDK.
 */
class EcdsaSigningProviderTest {

    private static final byte[] HANDSHAKE_TRANSCRIPT = "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    @Test
    void ecSignaturesComeFromTheFastProviderAndVerifyWithTheJdk() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test");
        KeyPair pair = TestCertificates.ec();

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(HANDSHAKE_TRANSCRIPT);
        byte[] signature = signer.sign();

        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(HANDSHAKE_TRANSCRIPT);
        assertThat(signer.getProvider().getName()).isEqualTo(EcdsaSigningProvider.NAME);
        assertThat(verifier.getProvider().getName()).isEqualTo("SunEC");
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void rsaSigningStaysWithTheJdk() throws Exception {
        ListenerTls.selfSigned(directory, "mx.test");

        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(TestCertificates.rsa().getPrivate());

        assertThat(signer.getProvider().getName()).isEqualTo("SunRsaSign");
    }
}
