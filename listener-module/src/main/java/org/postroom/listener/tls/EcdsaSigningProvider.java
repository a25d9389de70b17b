package org.postroom.listener.tls;

import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPrivateKey;
import org.bouncycastle.jcajce.provider.asymmetric.ec.SignatureSpi;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Makes ECDSA signing with an EC private key use Bouncy Castle's implementation, for the signature
 * the server makes in every full TLS handshake (TLS 1.3 CertificateVerify, TLS 1.2 ServerKeyExchange).
 *
 * <p>Why: JDK 17's own ECDSA does its P-256 arithmetic without precomputed tables; on the benchmark
 * machine a signature took ~0.8 ms there and ~0.13 ms with Bouncy Castle given its own key class
 * ({@link #handshakeKey}), and in the profile of the POP3 and submission benchmarks
 * (docs/PERFORMANCE.md) the signature was about a third of the server's CPU, since those sessions
 * are short and mostly handshake.
 *
 * <p>The provider offers nothing but these signing services, and only for private keys
 * ({@code SupportedKeyClasses}): verification, digests, ciphers and key agreement stay with the
 * JDK's providers, which JSSE picks as before.
 */
final class EcdsaSigningProvider extends Provider {

    static final String NAME = "PostroomEcdsaSigning";

    private EcdsaSigningProvider() {
        super(NAME, "1.0", "ECDSA signing with Bouncy Castle, for the listeners' TLS handshakes");
        putService(new SigningService(this, "SHA256withECDSA", SignatureSpi.ecDSA256::new));
        putService(new SigningService(this, "SHA384withECDSA", SignatureSpi.ecDSA384::new));
        putService(new SigningService(this, "SHA512withECDSA", SignatureSpi.ecDSA512::new));
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

    /** Puts the provider first in the JVM's list, once. */
    static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new EcdsaSigningProvider(), 1);
        }
    }

    private static final class SigningService extends Provider.Service {

        private final Supplier<SignatureSpi> spi;

        SigningService(Provider provider, String algorithm, Supplier<SignatureSpi> spi) {
            super(provider, "Signature", algorithm, spi.get().getClass().getName(), List.of(),
                    Map.of("SupportedKeyClasses", ECPrivateKey.class.getName()));
            this.spi = spi;
        }

        @Override
        public Object newInstance(Object constructorParameter) {
            return spi.get();
        }
    }
}
