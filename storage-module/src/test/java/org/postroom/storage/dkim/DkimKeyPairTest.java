package org.postroom.storage.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** A generated pair is one RSA key in the stored encodings, and its record says where receivers find it. */
class DkimKeyPairTest {

    @Test
    void theStoredHalvesAreOneRsaKeyPairOf2048Bits() throws Exception {
        DkimKeyPair pair = DkimKeyPair.generate();
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        Base64.Decoder base64 = Base64.getDecoder();
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(pair.privateKeyPkcs8())));
        PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(base64.decode(pair.publicKeyX509())));
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(DkimKeyPair.RSA_BITS);

        byte[] data = "signed by the private half".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(pair.toString()).doesNotContain(pair.privateKeyPkcs8());
    }

    @Test
    void theRecordIsPublishedUnderTheSelectorAtTheDomain() {
        DkimRecord record = DkimRecord.of("example.com", "postroom", "MIIBIjAN");
        assertThat(record)
                .isEqualTo(new DkimRecord("postroom._domainkey.example.com", "v=DKIM1; k=rsa; p=MIIBIjAN"));
    }
}
