package org.postroom.listener.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A PEM certificate chain and its private key on disk, as certbot and most CAs hand them out.
 * The key may be PKCS#1 ({@code RSA PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}, optionally after
 * an {@code EC PARAMETERS} block) or PKCS#8 ({@code PRIVATE KEY}); the key file may also be a
 * combined file that holds certificates too. Keys are converted with the JDK's own key factories
 * so that no security provider has to be registered process-wide.
 */
record CertificateFiles(Path certFile, Path keyFile) {

    /** Reads and checks both files; every failure names the file and the problem. */
    ServerCertificate load() {
        List<X509Certificate> chain = readCertificates(certFile);
        PrivateKey key = readPrivateKey(keyFile);
        try {
            return new ServerCertificate(chain, key);
        } catch (IllegalArgumentException e) {
            throw new TlsMaterialException(certFile + " and " + keyFile + ": " + e.getMessage());
        }
    }

    /**
     * Modification time and size of both files: cheap to take on every check, and changed by any
     * replacement, including certbot's switch of the {@code live/} symlinks (followed here).
     */
    Stamp stamp() {
        return new Stamp(stampOf(certFile), stampOf(keyFile));
    }

    record Stamp(FileStamp cert, FileStamp key) {
    }

    /** {@code modified} is null while the file does not exist (e.g. mid-replacement). */
    record FileStamp(FileTime modified, long size) {
    }

    private static FileStamp stampOf(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return new FileStamp(null, -1);
        }
    }

    private static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = open(file)) {
            for (Object entry = parser.readObject(); entry != null; entry = parser.readObject()) {
                if (entry instanceof X509CertificateHolder holder) {
                    chain.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(file, e);
        }
        if (chain.isEmpty()) {
            throw new TlsMaterialException(file + ": no PEM certificate found");
        }
        return chain;
    }

    private static PrivateKey readPrivateKey(Path file) {
        try (PEMParser parser = open(file)) {
            for (Object entry = parser.readObject(); entry != null; entry = parser.readObject()) {
                if (entry instanceof PEMEncryptedKeyPair || entry instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new TlsMaterialException(file + ": the private key is encrypted; store it unencrypted"
                            + " and readable only by the server (openssl pkey -in key.pem -out plain-key.pem)");
                }
                if (entry instanceof PEMKeyPair pair) {
                    return toJdkKey(file, pair.getPrivateKeyInfo());
                }
                if (entry instanceof PrivateKeyInfo info) {
                    return toJdkKey(file, info);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw unreadable(file, e);
        }
        throw new TlsMaterialException(file + ": no PEM private key found");
    }

    private static PrivateKey toJdkKey(Path file, PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jdkAlgorithm;
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            jdkAlgorithm = "RSA";
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            jdkAlgorithm = "EC";
        } else {
            throw new TlsMaterialException(file + ": unsupported key algorithm " + algorithm + " (use an RSA or EC key)");
        }
        return KeyFactory.getInstance(jdkAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }

    /** PEM is ASCII; Latin-1 reads any stray byte in comments ("Bag Attributes") without failing. */
    private static PEMParser open(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
        return new PEMParser(reader);
    }

    private static TlsMaterialException unreadable(Path file, Exception cause) {
        String reason = cause instanceof NoSuchFileException ? "file not found" : cause.getMessage();
        return new TlsMaterialException(file + ": cannot read (" + reason + ")", cause);
    }
}
