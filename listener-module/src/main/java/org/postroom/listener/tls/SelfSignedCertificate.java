package org.postroom.listener.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate Postroom presents when the operator configured none: an ECDSA P-256 key and a
 * self-signed certificate for the configured hostname, generated once into a directory and reused
 * on every later start, so that clients that pinned it on first use keep trusting it. It is made
 * again only when it cannot be read, names another host, or is about to expire; an RSA pair made
 * by an earlier version is kept until then.
 *
 * <p>Why ECDSA: every TLS 1.2/1.3 mail client (Outlook, Thunderbird, Apple Mail, Android, Windows
 * SChannel since Vista) accepts it, and the server signs each full handshake with this key: on the
 * benchmark machine (JDK 17) a P-256 signature cost about 0.7 of an RSA-2048 one, and submission
 * and POP3 sessions are mostly handshakes. Operators who need RSA for an old client configure
 * their own certificate ({@code postroom.tls.cert-file}), RSA or EC.
 */
final class SelfSignedCertificate {

    static final String CERT_FILE = "selfsigned-cert.pem";
    static final String KEY_FILE = "selfsigned-key.pem";

    private static final Logger LOGGER = LoggerFactory.getLogger(SelfSignedCertificate.class);
    private static final Duration VALIDITY = Duration.ofDays(730);
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(30);
    /** Clients whose clock runs a little behind must not see a certificate that is not yet valid. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final String CURVE = "secp256r1";

    private SelfSignedCertificate() {
    }

    /** Returns the files in {@code directory}, generating them first unless a usable pair is there. */
    static CertificateFiles ensure(Path directory, String hostname, Clock clock) {
        CertificateFiles files = new CertificateFiles(directory.resolve(CERT_FILE), directory.resolve(KEY_FILE));
        Instant now = clock.instant();
        if (!reusable(files, hostname, now)) {
            generate(files, hostname, now);
        }
        return files;
    }

    /** Issues a certificate for {@code hostname} signed by its own key (RSA or EC). */
    static X509Certificate issue(KeyPair pair, String hostname, Instant now) throws GeneralSecurityException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hostname).build();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
        String signature = "EC".equals(pair.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // RFC 5480 §3 / RFC 8813: an ECDSA key signs only; an RSA key may also take RSA key transport
            builder.addExtension(Extension.keyUsage, true, new KeyUsage("EC".equals(pair.getPrivate().getAlgorithm())
                    ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            // RFC 6125 §6.4.4: clients match the SAN, not the CN, when a SAN is present.
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a certificate for " + hostname, e);
        }
    }

    private static boolean reusable(CertificateFiles files, String hostname, Instant now) {
        if (!Files.exists(files.certFile()) || !Files.exists(files.keyFile())) {
            return false;
        }
        try {
            X509Certificate leaf = files.load().leaf();
            boolean current = leaf.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE_EXPIRY));
            return current && ServerCertificate.dnsNames(leaf).stream().anyMatch(hostname::equalsIgnoreCase);
        } catch (TlsMaterialException e) {
            LOGGER.warn("replacing the unusable self-signed certificate: {}", e.getMessage());
            return false;
        }
    }

    private static void generate(CertificateFiles files, String hostname, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = issue(pair, hostname, now);
            Files.createDirectories(files.certFile().toAbsolutePath().getParent());
            // The key first: a crash in between leaves no certificate, so the next start generates again.
            AtomicFile.write(files.keyFile(), pem(new JcaPKCS8Generator(pair.getPrivate(), null)), true);
            AtomicFile.write(files.certFile(), pem(certificate), false);
            LOGGER.info("generated a self-signed TLS certificate for {} in {}, valid until {};"
                            + " mail clients will warn until postroom.tls.cert-file and key-file name a trusted one",
                    hostname, files.certFile().toAbsolutePath().getParent(), certificate.getNotAfter().toInstant());
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException("cannot generate a self-signed certificate for " + hostname, e);
        } catch (IOException e) {
            throw new TlsMaterialException("cannot write the self-signed certificate to " + files.certFile(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
