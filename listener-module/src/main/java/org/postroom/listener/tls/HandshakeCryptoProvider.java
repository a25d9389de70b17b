package org.postroom.listener.tls;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bouncycastle.jcajce.interfaces.XDHPrivateKey;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi;
import org.bouncycastle.jcajce.provider.asymmetric.edec.KeyAgreementSpi;
import org.bouncycastle.jcajce.provider.asymmetric.edec.KeyFactorySpi;
import org.bouncycastle.jcajce.provider.asymmetric.edec.KeyPairGeneratorSpi;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Gives the public-key work of every full TLS handshake to Bouncy Castle: the server's ECDSA
 * signature (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange) and the X25519 key exchange
 * (the server's key share and the shared secret).
 *
 * <p>Why: JDK 17 does this arithmetic without precomputed tables or curve-specific field code. On
 * the benchmark machine an ECDSA P-256 signature took ~0.8 ms there and ~0.13 ms with Bouncy
 * Castle given its own key class ({@link #handshakeKey}); an X25519 key pair plus agreement ~0.5
 * ms there and ~0.2 ms with Bouncy Castle. POP3 and submission sessions are short and mostly
 * handshake, and in their profiles (docs/PERFORMANCE.md) these operations were the largest share
 * of the server's CPU.
 *
 * <p>The provider offers nothing else: signing only for EC private keys, key agreement only for
 * keys of Bouncy Castle's own X25519/X448 class (which only its key pair generator and key factory
 * here produce). Verification, digests, ciphers, key derivation and everything else stay with the
 * JDK's providers, which JSSE picks as before.
 */
final class HandshakeCryptoProvider extends Provider {

    static final String NAME = "PostroomHandshakeCrypto";

    private HandshakeCryptoProvider() {
        super(NAME, "1.0", "ECDSA signing and X25519/X448 from Bouncy Castle, for the listeners' TLS handshakes");
        Map<String, String> ecPrivateKeys = Map.of("SupportedKeyClasses", ECPrivateKey.class.getName());
        add("Signature", "SHA256withECDSA", SignatureSpi.ecDSA256::new, ecPrivateKeys);
        add("Signature", "SHA384withECDSA", SignatureSpi.ecDSA384::new, ecPrivateKeys);
        add("Signature", "SHA512withECDSA", SignatureSpi.ecDSA512::new, ecPrivateKeys);
        add("KeyPairGenerator", "XDH", KeyPairGeneratorSpi.XDH::new, Map.of());
        add("KeyFactory", "XDH", KeyFactorySpi.XDH::new, Map.of());
        add("KeyAgreement", "XDH", KeyAgreementSpi.XDH::new,
                Map.of("SupportedKeyClasses", XDHPrivateKey.class.getName()));
    }

    /** Puts the provider first in the JVM's list, once. */
    static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new HandshakeCryptoProvider(), 1);
        }
    }

    /**
     * The key to hand JSSE for the handshake signature: an EC key as Bouncy Castle's own key class,
     * any other key unchanged. Bouncy Castle uses its dedicated P-256 field arithmetic only for a
     * key of its own class; given the JDK's class it falls back to generic curve arithmetic (0.40
     * instead of 0.13 ms per signature). The curve parameters stay the JDK's objects, so JSSE still
     * recognises the curve when it chooses the signature scheme.
     */
    static PrivateKey handshakeKey(PrivateKey key) {
        return key instanceof ECPrivateKey ec ? new BCECPrivateKey(ec, BouncyCastleProvider.CONFIGURATION) : key;
    }

    private void add(String type, String algorithm, Supplier<?> spi, Map<String, String> attributes) {
        putService(new BouncyCastleService(this, type, algorithm, spi, attributes));
    }

    private static final class BouncyCastleService extends Provider.Service {

        private final Supplier<?> spi;

        BouncyCastleService(Provider provider, String type, String algorithm, Supplier<?> spi,
                Map<String, String> attributes) {
            super(provider, type, algorithm, spi.get().getClass().getName(), List.of(), attributes);
            this.spi = spi;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return spi.get();
        }
    }
}
