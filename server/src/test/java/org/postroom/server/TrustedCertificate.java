package org.postroom.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A TLS client context that trusts one certificate only, e.g. the one Postroom generated in its data dir. */
public final class TrustedCertificate {

    private TrustedCertificate() {
    }

    /** Trusts the PEM certificate in {@code certificate} and nothing else. */
    public static SSLContext only(Path certificate) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("postroom", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The self-signed certificate Postroom generates under {@code <data-dir>/tls}. */
    public static SSLContext generatedIn(Path dataDir) throws IOException, GeneralSecurityException {
        return only(dataDir.resolve("tls").resolve("selfsigned-cert.pem"));
    }
}
