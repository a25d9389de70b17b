package org.postroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a verified TLS connection accepts (RFC 5280 path validation): the JDK's trust
 * store, plus, for a relay whose certificate a company's own CA issued, the certificates of a PEM
 * file. One socket factory, built once, so that no transaction reads a file; the host name is
 * checked separately, by Angus ({@code mail.smtp.ssl.checkserveridentity}).
 */
public final class CertificateTrust {

    private static final class Jdk {
        static final CertificateTrust ONLY = new CertificateTrust(null, List.of());
    }

    private final Path file;
    private final SSLContext context;

    private CertificateTrust(Path file, List<X509Certificate> extra) {
        this.file = file;
        this.context = context(extra);
    }

    /** The JDK's trust store alone (the public CAs, or what {@code javax.net.ssl.trustStore} names). */
    public static CertificateTrust jdk() {
        return Jdk.ONLY;
    }

    /**
     * The JDK's trust store and every certificate in the PEM file {@code pemFile}.
     *
     * @throws IllegalArgumentException naming the file and the problem when it cannot be read or
     *         holds no certificate
     */
    public static CertificateTrust jdkAnd(Path pemFile) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            read.forEach(c -> certificates.add((X509Certificate) c));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(pemFile + " holds no PEM certificate");
        }
        return new CertificateTrust(pemFile, certificates);
    }

    SSLSocketFactory socketFactory() {
        return context.getSocketFactory();
    }

    /** A client context that trusts these certificates, for another HTTPS or TLS client (ACME). */
    public SSLContext context() {
        return context;
    }

    private static SSLContext context(List<X509Certificate> extra) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            List<X509Certificate> all = new ArrayList<>(Arrays.asList(jdkTrustManager().getAcceptedIssuers()));
            all.addAll(extra);
            for (int i = 0; i < all.size(); i++) {
                anchors.setCertificateEntry("anchor-" + i, all.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK's TLS trust cannot be set up", e);
        }
    }

    private static X509TrustManager jdkTrustManager() throws GeneralSecurityException {
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        for (TrustManager manager : jdk.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
    }

    /** Equal when built from the same file (or both from the JDK's store alone). */
    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateTrust trust && Objects.equals(file, trust.file);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(file);
    }

    @Override
    public String toString() {
        return file == null ? "JDK trust store" : "JDK trust store + " + file;
    }
}
