package org.postroom.listener.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

import org.apache.james.protocols.api.ClientAuth;
import org.apache.james.protocols.netty.Encryption;

/**
 * The TLS setup all listeners share: one {@link SSLContext} over a {@link ReloadingKeyManager}, so
 * a certificate replaced on disk is presented to new connections without a restart, restricted by
 * {@link TlsPolicy}, with a server session cache so that clients that reconnect often (POP3
 * polling, submission bursts) resume instead of paying for a full handshake each time.
 *
 * <p>A client that resumes a session established before a certificate reload keeps that session's
 * certificate until the session expires; every full handshake gets the current one.
 *
 * <p>Create it with {@link #fromPemFiles} when the operator configured a certificate, else with
 * {@link #selfSigned}; hand {@link #startTlsEncryption()} to the STARTTLS/STLS listeners and
 * {@link #implicitTlsEncryption()} to the implicit-TLS ones.
 */
public final class ListenerTls {

    static final Duration RELOAD_CHECK_INTERVAL = Duration.ofSeconds(5);
    /**
     * An hour covers the reconnects of polling and sending clients; the JDK default of a day keeps
     * session secrets around far longer than any client needs them.
     */
    private static final int SESSION_TIMEOUT_SECONDS = 3600;
    private static final int SESSION_CACHE_SIZE = 20_000;

    private final ReloadingKeyManager keyManager;
    private final Encryption startTls;
    private final Encryption implicitTls;

    ListenerTls(CertificateFiles files, Duration reloadCheckInterval) {
        this.keyManager = new ReloadingKeyManager(files, reloadCheckInterval);
        SSLContext context = newContext(keyManager);
        SSLParameters supported = context.getSupportedSSLParameters();
        String[] cipherSuites = TlsPolicy.cipherSuites(supported);
        String[] protocols = TlsPolicy.protocols(supported);
        this.startTls = Encryption.createStartTls(context, cipherSuites, protocols, ClientAuth.NONE);
        this.implicitTls = Encryption.createTls(context, cipherSuites, protocols, ClientAuth.NONE);
    }

    /**
     * TLS with the operator's certificate ({@code postroom.tls.cert-file}: the chain, leaf first)
     * and key ({@code postroom.tls.key-file}: PKCS#1, SEC 1 or PKCS#8, unencrypted).
     *
     * @throws TlsMaterialException naming the file when either cannot be used
     */
    public static ListenerTls fromPemFiles(Path certFile, Path keyFile) {
        return new ListenerTls(new CertificateFiles(certFile, keyFile), RELOAD_CHECK_INTERVAL);
    }

    /**
     * TLS with a self-signed certificate for {@code hostname} kept in {@code directory} (e.g.
     * {@code <data-dir>/tls}) as {@code selfsigned-cert.pem} and {@code selfsigned-key.pem}: generated
     * on the first start and reused afterwards.
     *
     * @throws TlsMaterialException when the files cannot be written or read
     */
    public static ListenerTls selfSigned(Path directory, String hostname) {
        CertificateFiles files = SelfSignedCertificate.ensure(directory, hostname, Clock.systemUTC());
        return new ListenerTls(files, RELOAD_CHECK_INTERVAL);
    }

    /** For STARTTLS (SMTP) and STLS (POP3) listeners: the James encryption in STARTTLS mode. */
    public Encryption startTlsEncryption() {
        return startTls;
    }

    /** For implicit-TLS listeners (SMTPS 465, POP3S 995): TLS from the first byte. */
    public Encryption implicitTlsEncryption() {
        return implicitTls;
    }

    /** The certificate new connections get now (checks the files for a replacement first). */
    public CertificateInfo currentCertificate() {
        return keyManager.certificate().info();
    }

    private static SSLContext newContext(KeyManager keyManager) {
        HandshakeCryptoProvider.install();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            SSLSessionContext sessions = context.getServerSessionContext();
            sessions.setSessionTimeout(SESSION_TIMEOUT_SECONDS);
            sessions.setSessionCacheSize(SESSION_CACHE_SIZE);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK provides no TLS implementation", e);
        }
    }
}
