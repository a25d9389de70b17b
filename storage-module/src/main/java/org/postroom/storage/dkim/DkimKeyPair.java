package org.postroom.storage.dkim;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A domain's DKIM key pair as it is stored: the private key PKCS#8 and the public key X.509
 * (SubjectPublicKeyInfo), both base64, the form DKIM's {@code p=} tag takes (RFC 6376 §3.6.1) and
 * jDKIM reads.
 */
public record DkimKeyPair(String privateKeyPkcs8, String publicKeyX509) {

    /** RFC 8301 §3.2: signers use keys of at least 1024 bits; 2048 is what receivers expect now. */
    static final int RSA_BITS = 2048;

    /** A new RSA key pair for one domain. */
    public static DkimKeyPair generate() {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA key generator", e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return new DkimKeyPair(base64.encodeToString(keys.getPrivate().getEncoded()),
                base64.encodeToString(keys.getPublic().getEncoded()));
    }

    @Override
    public String toString() {
        return "DkimKeyPair[public=" + publicKeyX509 + "]";
    }
}
