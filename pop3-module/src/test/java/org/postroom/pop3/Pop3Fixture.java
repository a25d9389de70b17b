package org.postroom.pop3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.postroom.listener.tls.ListenerTls;

import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;

/**
 * A fresh PostgreSQL database with the domain example.com and two users, and any number of POP3
 * server "processes" on it (each with its own connection pool, maildrop locks and listener on
 * port 0), as several Postroom processes behind a load balancer would run.
 */
final class Pop3Fixture implements AutoCloseable {

    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String PASSWORD = "correct horse battery";

    final TestDatabase database = TestDatabase.create();
    final MailStore store = new MailStore(database.database());
    final Mailboxes mailboxes = new Mailboxes(database.database());
    final MailDirectory directory = new MailDirectory(database.database());
    private final List<Pop3Process> processes = new ArrayList<>();
    private final Path tlsDirectory;
    private final ListenerTls tls;

    Pop3Fixture() {
        try {
            tlsDirectory = Files.createTempDirectory("pop3-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tls = ListenerTls.selfSigned(tlsDirectory, "pop.example.com");
        new DomainRepository(database.database(), "postroom").create("example.com");
        UserRepository users = new UserRepository(database.database());
        users.create(ALICE, PASSWORD, null);
        users.create(BOB, PASSWORD, null);
    }

    /** What a test may change about a server process. */
    record Settings(boolean allowPlaintextAuth, int maxFailures, Duration failureDelay, Duration idleTimeout,
            Duration commandTimeout, int maxConnectionsPerIp, Duration accountMaxDelay) {

        /** Plaintext logins allowed, so that most transcripts need no TLS; the product's default is off. */
        static Settings defaults() {
            return new Settings(true, 10, Duration.ZERO, Duration.ofMinutes(10), Duration.ofSeconds(60), 50,
                    Duration.ofSeconds(2));
        }

        Settings plaintextRefused() {
            return new Settings(false, maxFailures, failureDelay, idleTimeout, commandTimeout, maxConnectionsPerIp,
                    accountMaxDelay);
        }

        Settings throttled(int failures, Duration delay) {
            return new Settings(allowPlaintextAuth, failures, delay, idleTimeout, commandTimeout, maxConnectionsPerIp,
                    accountMaxDelay);
        }

        Settings idleTimeout(Duration timeout) {
            return new Settings(allowPlaintextAuth, maxFailures, failureDelay, timeout, commandTimeout, maxConnectionsPerIp,
                    accountMaxDelay);
        }

        Settings commandTimeout(Duration timeout) {
            return new Settings(allowPlaintextAuth, maxFailures, failureDelay, idleTimeout, timeout, maxConnectionsPerIp,
                    accountMaxDelay);
        }

        /** Neither a client nor an account is ever held back, however many logins fail (a fuzzer's). */
        Settings unthrottled() {
            return new Settings(allowPlaintextAuth, Integer.MAX_VALUE, Duration.ZERO, idleTimeout, commandTimeout,
                    maxConnectionsPerIp, Duration.ZERO);
        }

        Settings maxConnectionsPerIp(int limit) {
            return new Settings(allowPlaintextAuth, maxFailures, failureDelay, idleTimeout, commandTimeout, limit,
                    accountMaxDelay);
        }
    }

    Pop3Process start() {
        return start(Settings.defaults());
    }

    Pop3Process start(Settings settings) {
        Pop3Process process = new Pop3Process(database.url(), tls, settings);
        processes.add(process);
        return process;
    }

    /** The envelope sender of every message {@link #deliver} stores. */
    static final String SENDER = "sender@example.org";

    /** The line a mail client receives before each message {@link #deliver} stored (RFC 5321 §4.4). */
    static final String RETURN_PATH = "Return-Path: <" + SENDER + ">\r\n";

    /** A stored message as RETR sends it: after its Return-Path line. */
    static byte[] asRetrieved(byte[] stored) {
        byte[] returnPath = RETURN_PATH.getBytes(StandardCharsets.US_ASCII);
        byte[] retrieved = Arrays.copyOf(returnPath, returnPath.length + stored.length);
        System.arraycopy(stored, 0, retrieved, returnPath.length, stored.length);
        return retrieved;
    }

    void deliver(String address, String message) {
        deliver(address, message.getBytes(StandardCharsets.UTF_8));
    }

    void deliver(String address, byte[] message) {
        deliver(address, new ByteArrayInputStream(message));
    }

    void deliver(String address, InputStream message) {
        try {
            store.deliver(SENDER, MessageOrigin.RECEIVED,
                    List.of(Recipient.resolved(address, (Deliverable) directory.resolve(address))),
                    message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the mailbox holds now, by UID. */
    List<MailboxEntry> entries(String address) {
        return mailboxes.entries(mailboxId(address));
    }

    /** The id of the user's INBOX. */
    long mailboxId(String address) {
        return ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
    }

    /** A client TLS context that trusts the servers' self-signed certificate and nothing else. */
    SSLContext clientTls() {
        try (InputStream pem = Files.newInputStream(tlsDirectory.resolve("selfsigned-cert.pem"))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("trust the test certificate", e);
        }
    }

    @Override
    public void close() {
        processes.forEach(Pop3Process::close);
        database.close();
        try (var files = Files.walk(tlsDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
