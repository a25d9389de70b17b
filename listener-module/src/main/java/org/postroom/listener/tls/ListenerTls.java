package org.postroom.listener.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
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
 * <p>Create it with {@link #fromPemFiles} when the operator configured a certificate, with {@link
 * #installable} when the server obtains its own (ACME), else with {@link #selfSigned}; hand {@link #startTlsEncryption()} to the STARTTLS/STLS listeners and
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

    static final String INSTALLED_FILE = "installed.pem";

    private final ReloadingKeyManager keyManager;
    /** The file {@link #install} replaces; null where the operator's or the self-signed files are served. */
    private final Path installedFile;
    private final TlsEngine engine;
    private final Encryption startTls;
    private final Encryption implicitTls;

    ListenerTls(CertificateFiles files, Duration reloadCheckInterval, TlsEngine engine) {
        this(files, reloadCheckInterval, engine, null);
    }

    private ListenerTls(CertificateFiles files, Duration reloadCheckInterval, TlsEngine engine, Path installedFile) {
        this.keyManager = new ReloadingKeyManager(files, reloadCheckInterval);
        this.installedFile = installedFile;
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

    /**
     * TLS with a certificate the server obtains itself (ACME): {@code installed.pem} in {@code
     * directory}, the chain and key in one file so that {@link #install} replaces both in one step.
     * Until the first {@link #install}, it holds a copy of the self-signed pair for {@code hostname}
     * ({@link #selfSigned}), so the listeners can start before a certificate is issued.
     *
     * @throws TlsMaterialException when the files cannot be written or read
     */
    public static ListenerTls installable(Path directory, String hostname, TlsEngine engine) {
        Path file = directory.resolve(INSTALLED_FILE);
        if (!Files.exists(file)) {
            CertificateFiles selfSigned = SelfSignedCertificate.ensure(directory, hostname, Clock.systemUTC());
            try {
                AtomicFile.write(file, Files.readString(selfSigned.certFile(), StandardCharsets.US_ASCII)
                        + Files.readString(selfSigned.keyFile(), StandardCharsets.US_ASCII), true);
            } catch (IOException e) {
                throw new TlsMaterialException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        return new ListenerTls(new CertificateFiles(file, file), RELOAD_CHECK_INTERVAL, engine, file);
    }

    /**
     * Puts {@code chainPem} (leaf first) and its {@code keyPem} in force: written to the installed
     * file, which every listener and the console's HTTPS port present to new connections within
     * the reload check interval (5 s). Nothing is written when that file holds them already.
     *
     * @return whether the file changed
     * @throws TlsMaterialException when the pair cannot be used (the current one stays)
     * @throws IllegalStateException when this was not made {@link #installable}
     */
    public boolean install(String chainPem, String keyPem) {
        if (installedFile == null) {
            throw new IllegalStateException("the TLS certificate comes from files the server does not own");
        }
        String content = chainPem.endsWith("\n") ? chainPem + keyPem : chainPem + "\n" + keyPem;
        try {
            if (Files.exists(installedFile) && Files.readString(installedFile, StandardCharsets.US_ASCII).equals(content)) {
                return false;
            }
            Path candidate = installedFile.resolveSibling(INSTALLED_FILE + ".candidate");
            AtomicFile.write(candidate, content, true);
            try {
                new CertificateFiles(candidate, candidate).load();
            } finally {
                Files.deleteIfExists(candidate);
            }
            AtomicFile.write(installedFile, content, true);
            return true;
        } catch (IOException e) {
            throw new TlsMaterialException("cannot write " + installedFile + ": " + e.getMessage(), e);
        }
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

    /**
     * A JDK {@link SSLContext} over the same reloading key manager, for a server that is not a
     * mail listener (the console's HTTPS port): it presents the same certificate and picks up a
     * replacement at the same moment. Restrict it with {@link TlsPolicy}.
     */
    public SSLContext jdkContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS cannot be set up: " + e.getMessage(), e);
        }
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
