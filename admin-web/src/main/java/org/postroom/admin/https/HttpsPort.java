package org.postroom.admin.https;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The console's HTTPS port, a Tomcat connector beside the plain-HTTP one ({@code server.port}):
 * the same pages, API and documents, over a JDK {@link javax.net.ssl.SSLContext} whose key manager
 * is the mail listeners' own, so it presents the same certificate and picks up a renewed one at
 * the same moment without a restart.
 */
public final class HttpsPort implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Pattern TLS_13_SUITES = Pattern.compile("TLS_(AES|CHACHA20)_.*");

    private final int port;
    private final javax.net.ssl.SSLContext context;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final BooleanSupplier trustedCertificate;
    private volatile Connector connector;

    /**
     * @param port the port, 0 for a free one
     * @param context the server context, with its key manager
     * @param protocols the TLS versions accepted, JDK names
     * @param cipherSuites the cipher suites accepted, JDK names
     * @param trustedCertificate whether the certificate in force now is one a browser may trust (a
     *        CA's, not a self-signed one): only then is HSTS sent
     */
    public HttpsPort(int port, javax.net.ssl.SSLContext context, List<String> protocols, List<String> cipherSuites,
            BooleanSupplier trustedCertificate) {
        this.port = port;
        this.context = context;
        this.protocols = List.copyOf(protocols);
        this.cipherSuites = List.copyOf(cipherSuites);
        this.trustedCertificate = trustedCertificate;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector https = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        https.setPort(port);
        https.setScheme("https");
        https.setSecure(true);
        https.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        // "+" adds each to an empty set; without it Tomcat warns about every version but the first
        host.setProtocols(protocols.stream().map(version -> "+" + version).collect(Collectors.joining(",")));
        // Tomcat's ciphers are TLS 1.2's; TLS 1.3's three suites are the JDK's defaults anyway
        host.setCiphers(cipherSuites.stream().filter(suite -> !TLS_13_SUITES.matcher(suite).matches())
                .collect(Collectors.joining(",")));
        host.setHonorCipherOrder(true);
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setSslContext(new ProvidedContext(context));
        host.addCertificate(certificate);
        https.addSslHostConfig(host);
        factory.addAdditionalConnectors(https);
        connector = https;
    }

    /** The port HTTPS listens on: the configured one, or the one chosen for 0 once bound. */
    public int port() {
        Connector bound = connector;
        return bound != null && bound.getLocalPort() > 0 ? bound.getLocalPort() : port;
    }

    /** Whether browsers may be told to insist on HTTPS (HSTS) for this certificate. */
    public boolean trustedCertificate() {
        return trustedCertificate.getAsBoolean();
    }

    /**
     * Tomcat's view of a context made elsewhere: already initialised, so {@link #init} does
     * nothing; Tomcat asks it for engines only.
     */
    private record ProvidedContext(javax.net.ssl.SSLContext context) implements org.apache.tomcat.util.net.SSLContext {

        @Override
        public void init(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
        }

        @Override
        public void destroy() {
        }

        @Override
        public SSLSessionContext getServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        public SSLEngine createSSLEngine() {
            return context.createSSLEngine();
        }

        @Override
        public SSLServerSocketFactory getServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        public SSLParameters getSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[0];
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
