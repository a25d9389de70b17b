package org.postroom.listener.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.security.auth.x500.X500Principal;

/**
 * A certificate chain (leaf first, as in certbot's {@code fullchain.pem}) with the private key of
 * its leaf. Construction checks that the key belongs to the leaf: a mismatched pair, as left behind
 * by a renewal that replaced only one of the two files, would otherwise fail every handshake with
 * an error the client cannot explain.
 */
record ServerCertificate(List<X509Certificate> chain, PrivateKey privateKey) {

    private static final int DNS_NAME = 2;
    private static final byte[] PROBE = "postroom key check".getBytes(StandardCharsets.US_ASCII);

    ServerCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate found");
        }
        if (!belongsTo(privateKey, chain.get(0).getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the first certificate");
        }
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    CertificateInfo info() {
        return new CertificateInfo(
                leaf().getSubjectX500Principal().getName(X500Principal.RFC2253),
                leaf().getIssuerX500Principal().getName(X500Principal.RFC2253),
                leaf().getNotBefore().toInstant(),
                leaf().getNotAfter().toInstant(),
                dnsNames(leaf()));
    }

    /** The leaf's subject alternative names of type DNS (RFC 5280 §4.2.1.6, type 2), in order. */
    static List<String> dnsNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(name -> Integer.valueOf(DNS_NAME).equals(name.get(0)))
                    .map(name -> String.valueOf(name.get(1))).toList();
        } catch (CertificateParsingException e) {
            // an unparsable SAN names no host
            return List.of();
        }
    }

    /** Signs a probe with the private key and verifies it with the certificate's public key. */
    private static boolean belongsTo(PrivateKey privateKey, PublicKey publicKey) {
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException(
                    "unsupported key algorithm " + privateKey.getAlgorithm() + " (use an RSA or EC key)");
        };
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A key of another curve or size is rejected by the verifier with an exception: no match.
            return false;
        }
    }
}
