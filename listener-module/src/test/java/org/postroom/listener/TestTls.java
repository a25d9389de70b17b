package org.postroom.listener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS clients for the tests: the JDK's client, trusting exactly the certificates a test names. */
public final class TestTls {

    private TestTls() {
    }

    /** A client context that trusts the certificates in these PEM files and nothing else. */
    public static SSLContext clientTrusting(Path... certFiles) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        int index = 0;
        for (Path file : certFiles) {
            try (InputStream pem = Files.newInputStream(file)) {
                for (Certificate certificate : factory.generateCertificates(pem)) {
                    trusted.setCertificateEntry("trusted-" + index++, certificate);
                }
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
