package org.postroom.listener.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presents the certificate from {@link CertificateFiles} and picks up a replacement without a
 * restart: when a handshake asks for the server's key, and at most once per check interval, the
 * files' stamps are compared and, if they changed, the pair is loaded again. New handshakes then get
 * the new certificate; connections already open keep theirs. A replacement that cannot be used
 * (half written, key and certificate from different renewals, garbage) is logged once and the
 * previous certificate stays in force until the files change again.
 *
 * <p>Each loaded pair gets its own alias, and the previous pair stays resolvable, so a handshake
 * that chose its alias just before a reload still receives a matching chain and key.
 *
 * <p>The check runs on the I/O thread of the handshake that triggers it: one {@code stat} per file,
 * and the reading of two small files only when they changed.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {

    private static final Logger LOGGER = LoggerFactory.getLogger(ReloadingKeyManager.class);
    private static final String ALIAS_PREFIX = "postroom-";

    private final CertificateFiles files;
    private final long checkIntervalNanos;
    private final AtomicLong nextCheckNanos;
    private final AtomicInteger generations = new AtomicInteger();
    private volatile Generation current;
    private volatile Generation previous;
    private volatile CertificateFiles.Stamp rejected;

    /** {@code handshakeKey}: the certificate's private key in the form the handshake signs with fastest. */
    private record Generation(String alias, CertificateFiles.Stamp stamp, ServerCertificate certificate,
            PrivateKey handshakeKey) {
    }

    /** Loads the files now; a failure here propagates, so a broken configuration stops start-up. */
    ReloadingKeyManager(CertificateFiles files, Duration checkInterval) {
        this.files = files;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nextCheckNanos = new AtomicLong(System.nanoTime() + checkIntervalNanos);
        CertificateFiles.Stamp stamp = files.stamp();
        this.current = newGeneration(stamp, files.load());
        this.previous = current;
    }

    /** The certificate in force, after looking for a replacement if a check is due. */
    ServerCertificate certificate() {
        reloadIfDue();
        return current.certificate();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return serverAlias(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return serverAlias(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = serverAlias(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Generation generation = generation(alias);
        return generation == null ? null : generation.certificate().chain().toArray(X509Certificate[]::new);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Generation generation = generation(alias);
        return generation == null ? null : generation.handshakeKey();
    }

    /** The listeners never authenticate to a peer with a client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    /**
     * The JDK asks once per key type it could use ("RSA", "EC", "RSASSA-PSS", ...); only the type
     * of the key we hold is answered.
     */
    private String serverAlias(String keyType) {
        reloadIfDue();
        Generation generation = current;
        return generation.certificate().privateKey().getAlgorithm().equals(keyType) ? generation.alias() : null;
    }

    private Generation generation(String alias) {
        Generation newest = current;
        if (newest.alias().equals(alias)) {
            return newest;
        }
        Generation older = previous;
        return older.alias().equals(alias) ? older : null;
    }

    private void reloadIfDue() {
        long now = System.nanoTime();
        long due = nextCheckNanos.get();
        // One caller per interval wins the compare-and-set and checks; the others use what is loaded.
        if (now - due < 0 || !nextCheckNanos.compareAndSet(due, now + checkIntervalNanos)) {
            return;
        }
        CertificateFiles.Stamp stamp = files.stamp();
        if (stamp.equals(current.stamp()) || stamp.equals(rejected)) {
            return;
        }
        try {
            Generation replacement = newGeneration(stamp, files.load());
            previous = current;
            current = replacement;
            CertificateInfo info = replacement.certificate().info();
            LOGGER.info("loaded the replaced TLS certificate from {}: {}, valid until {}",
                    files.certFile(), info.subject(), info.notAfter());
        } catch (TlsMaterialException e) {
            rejected = stamp;
            LOGGER.warn("keeping the current TLS certificate ({}), the replacement is unusable: {}",
                    current.certificate().info().subject(), e.getMessage());
        }
    }

    private Generation newGeneration(CertificateFiles.Stamp stamp, ServerCertificate certificate) {
        return new Generation(ALIAS_PREFIX + generations.incrementAndGet(), stamp, certificate,
                HandshakeCryptoProvider.handshakeKey(certificate.privateKey()));
    }
}
