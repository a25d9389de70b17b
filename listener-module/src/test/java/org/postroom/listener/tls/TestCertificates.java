package org.postroom.listener.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Certificates and keys written the ways operators' tools write them. */
final class TestCertificates {

    /** How the private key file is written. */
    enum KeyFormat {
        /** {@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY}: openssl's traditional format. */
        TRADITIONAL,
        /** {@code PRIVATE KEY}: certbot's and openssl 3's default. */
        PKCS8,
        /** {@code EC PARAMETERS} followed by {@code EC PRIVATE KEY}, as {@code openssl ecparam -genkey} writes. */
        EC_WITH_PARAMETERS,
        /** A passphrase-protected traditional key. */
        ENCRYPTED
    }

    /** P-256's OID, DER-encoded, as the EC PARAMETERS block holds it. */
    private static final String P256_PARAMETERS =
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
    private static final int P256_BITS = 256;

    private TestCertificates() {
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** Writes a certificate for {@code hostname} and its key; returns the files. */
    static CertificateFiles write(Path directory, String hostname, KeyPair pair, KeyFormat format)
            throws IOException, GeneralSecurityException {
        X509Certificate certificate = SelfSignedCertificate.issue(pair, hostname, Instant.now());
        Path certFile = directory.resolve(hostname + "-cert.pem");
        Path keyFile = directory.resolve(hostname + "-key.pem");
        Files.writeString(certFile, pem(certificate), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, key(pair, format), StandardCharsets.US_ASCII);
        return new CertificateFiles(certFile, keyFile);
    }

    static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static String key(KeyPair pair, KeyFormat format) throws IOException {
        return switch (format) {
            case TRADITIONAL -> traditional(pair.getPrivate());
            case PKCS8 -> pem(new JcaPKCS8Generator(pair.getPrivate(), null));
            case EC_WITH_PARAMETERS -> P256_PARAMETERS + traditional(pair.getPrivate());
            case ENCRYPTED -> encrypted(pair);
        };
    }

    /**
     * PKCS#1 for RSA; for EC the SEC 1 structure with the curve inside, as openssl writes it
     * (BouncyCastle's writer would leave the curve out, which no real tool does).
     */
    private static String traditional(PrivateKey key) throws IOException {
        if (!"EC".equals(key.getAlgorithm())) {
            return pem(key);
        }
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey withCurve = new ECPrivateKey(P256_BITS, sec1.getKey(), null, info.getPrivateKeyAlgorithm().getParameters());
        return pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
    }

    /** The OpenSSL key derivation is not in the JDK: a private BouncyCastle provider, not registered. */
    private static String encrypted(KeyPair pair) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(pair.getPrivate(), new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new BouncyCastleProvider())
                    .build("passphrase".toCharArray()));
        }
        return text.toString();
    }
}
