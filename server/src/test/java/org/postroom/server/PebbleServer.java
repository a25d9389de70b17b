package org.postroom.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Pebble (Let's Encrypt's ACME test server) on loopback, with a configuration of its own: its
 * HTTPS under a certificate made here (the {@link #trustFile} the client is told to trust), its
 * HTTP-01 validator sent to {@code validationPort} of the names, which it resolves through {@code
 * dns}, and certificates valid for {@code validity}. No waiting before validations
 * ({@code PEBBLE_VA_NOSLEEP}), every nonce accepted.
 */
final class PebbleServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(20);

    private final Path directory;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final SSLContext client;

    PebbleServer(Path directory, InetSocketAddress dns, int validationPort, Duration validity) throws Exception {
        this.directory = directory;
        this.port = freePort();
        this.managementPort = freePort();
        KeyPair key = ecKey();
        X509Certificate certificate = selfSigned(key);
        Files.writeString(trustFile(), pem(certificate), StandardCharsets.US_ASCII);
        Files.writeString(directory.resolve("pebble-key.pem"), pem(new JcaPKCS8Generator(key.getPrivate(), null)));
        Files.writeString(directory.resolve("pebble-config.json"), """
                {"pebble": {
                  "listenAddress": "127.0.0.1:%d",
                  "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s",
                  "privateKey": "%s",
                  "httpPort": %d,
                  "tlsPort": %d,
                  "ocspResponderURL": "",
                  "externalAccountBindingRequired": false,
                  "certificateValidityPeriod": %d
                }}
                """.formatted(port, managementPort, trustFile(), directory.resolve("pebble-key.pem"), validationPort,
                freePort(), validity.toSeconds()));
        ProcessBuilder builder = new ProcessBuilder(PebbleAvailable.pebble().toString(), "-config",
                directory.resolve("pebble-config.json").toString(), "-dnsserver",
                dns.getAddress().getHostAddress() + ":" + dns.getPort(), "-strict=false")
                .redirectErrorStream(true).redirectOutput(directory.resolve("pebble.log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
        builder.environment().put("PEBBLE_AUTHZREUSE", "0");
        this.process = builder.start();
        this.client = trusting(certificate);
        awaitListening();
    }

    /** The ACME directory URL. */
    URI directoryUrl() {
        return URI.create("https://127.0.0.1:" + port + "/dir");
    }

    /** The PEM file with the certificate of Pebble's own HTTPS. */
    Path trustFile() {
        return directory.resolve("pebble-cert.pem");
    }

    /** The root of the CA Pebble issues from (made anew at each start of Pebble). */
    X509Certificate issuingRoot() throws Exception {
        HttpResponse<byte[]> root = HttpClient.newBuilder().sslContext(client).build().send(HttpRequest
                .newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(root.body()));
    }

    String log() throws IOException {
        return Files.readString(directory.resolve("pebble.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("pebble exited: " + log());
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("pebble did not listen within " + STARTUP + ": " + log());
    }

    private static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** For "localhost" and 127.0.0.1, which Pebble's directory URL uses. */
    private static X509Certificate selfSigned(KeyPair key) throws Exception {
        X500Name name = new X500Name("CN=pebble test server");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    /** A client context that trusts {@code certificate} alone. */
    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        anchors.setCertificateEntry("pebble", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
