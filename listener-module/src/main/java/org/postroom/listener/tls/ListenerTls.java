package org.postroom.listener.tls;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

import org.apache.james.protocols.netty.Encryption;

import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;

/**
 * The TLS setup all listeners share: one Netty {@link SslContext} on the chosen {@link TlsEngine}
 * over a {@link ReloadingKeyManager}, so a certificate replaced on disk is presented to new
 * connections without a restart, restricted by {@link TlsPolicy}, with a server session cache so
 * that clients that reconnect often (POP3 polling, submission bursts) can resume instead of paying
 * for a full handshake each time.
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
    private final TlsEngine engine;
    private final Encryption startTls;
    private final Encryption implicitTls;

    ListenerTls(CertificateFiles files, Duration reloadCheckInterval, TlsEngine engine) {
        this.keyManager = new ReloadingKeyManager(files, reloadCheckInterval);
        this.engine = engine.resolve();
        SslContext context = newContext(keyManager, this.engine);
        this.startTls = new SslContextEncryption(context, true);
        this.implicitTls = new SslContextEncryption(context, false);
    }

    /**
     * TLS with the operator's certificate ({@code postroom.tls.cert-file}: the chain, leaf first)
     * and key ({@code postroom.tls.key-file}: PKCS#1, SEC 1 or PKCS#8, unencrypted).
     *
     * @throws TlsMaterialException naming the file when either cannot be used
     */
    public static ListenerTls fromPemFiles(Path certFile, Path keyFile, TlsEngine engine) {
        return new ListenerTls(new CertificateFiles(certFile, keyFile), RELOAD_CHECK_INTERVAL, engine);
    }

    /** {@link #fromPemFiles(Path, Path, TlsEngine)} on the {@link TlsEngine#AUTO} engine. */
    public static ListenerTls fromPemFiles(Path certFile, Path keyFile) {
        return fromPemFiles(certFile, keyFile, TlsEngine.AUTO);
    }

    /**
     * TLS with a self-signed certificate for {@code hostname} kept in {@code directory} (e.g.
     * {@code <data-dir>/tls}) as {@code selfsigned-cert.pem} and {@code selfsigned-key.pem}: generated
     * on the first start and reused afterwards.
     *
     * @throws TlsMaterialException when the files cannot be written or read
     */
    public static ListenerTls selfSigned(Path directory, String hostname, TlsEngine engine) {
        CertificateFiles files = SelfSignedCertificate.ensure(directory, hostname, Clock.systemUTC());
        return new ListenerTls(files, RELOAD_CHECK_INTERVAL, engine);
    }

    /** {@link #selfSigned(Path, String, TlsEngine)} on the {@link TlsEngine#AUTO} engine. */
    public static ListenerTls selfSigned(Path directory, String hostname) {
        return selfSigned(directory, hostname, TlsEngine.AUTO);
    }

    /** For STARTTLS (SMTP) and STLS (POP3) listeners: the James encryption in STARTTLS mode. */
    public Encryption startTlsEncryption() {
        return startTls;
    }

    /** For implicit-TLS listeners (SMTPS 465, POP3S 995): TLS from the first byte. */
    public Encryption implicitTlsEncryption() {
        return implicitTls;
    }

    /** The engine in use: never {@link TlsEngine#AUTO}, which is resolved when this is created. */
    public TlsEngine engine() {
        return engine;
    }

    /** The engine for the start-up log: "BoringSSL" or "JDK" with its version. */
    public String engineDescription() {
        return engine.describe();
    }

    /** The certificate new connections get now (checks the files for a replacement first). */
    public CertificateInfo currentCertificate() {
        return keyManager.certificate().info();
    }

    private static SslContext newContext(ReloadingKeyManager keyManager, TlsEngine engine) {
        if (engine == TlsEngine.JDK) {
            HandshakeCryptoProvider.install();
        }
        try {
            return SslContextBuilder.forServer(keyManagerFactory(keyManager, engine))
                    .sslProvider(engine.nettyProvider())
                    .protocols(TlsPolicy.PROTOCOLS)
                    .ciphers(TlsPolicy.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .sessionTimeout(SESSION_TIMEOUT_SECONDS)
                    .sessionCacheSize(SESSION_CACHE_SIZE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("the " + engine + " TLS engine cannot be set up: " + e.getMessage(), e);
        }
    }

    /**
     * BoringSSL takes the key and chain as native objects; the caching factory converts each
     * alias's pair once, and the key manager's aliases change with every reload.
     */
    private static KeyManagerFactory keyManagerFactory(ReloadingKeyManager keyManager, TlsEngine engine) {
        KeyManagerFactory factory = new SingleKeyManagerFactory(keyManager);
        return engine == TlsEngine.BORINGSSL ? new OpenSslCachingX509KeyManagerFactory(factory) : factory;
    }
}
