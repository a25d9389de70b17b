package org.postroom.pop3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;

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

    Pop3Fixture() {
        new DomainRepository(database.database(), "postroom").create("example.com");
        UserRepository users = new UserRepository(database.database());
        users.create(ALICE, PASSWORD, null);
        users.create(BOB, PASSWORD, null);
    }

    /** What a test may change about a server process. */
    record Settings(boolean allowPlaintextAuth, int maxFailures, Duration failureDelay, Duration idleTimeout) {

        static Settings defaults() {
            return new Settings(true, 10, Duration.ZERO, Duration.ofMinutes(10));
        }

        Settings plaintextRefused() {
            return new Settings(false, maxFailures, failureDelay, idleTimeout);
        }

        Settings throttled(int failures, Duration delay) {
            return new Settings(allowPlaintextAuth, failures, delay, idleTimeout);
        }

        Settings idleTimeout(Duration timeout) {
            return new Settings(allowPlaintextAuth, maxFailures, failureDelay, timeout);
        }
    }

    Pop3Process start() {
        return start(Settings.defaults());
    }

    Pop3Process start(Settings settings) {
        Pop3Process process = new Pop3Process(database.url(), settings);
        processes.add(process);
        return process;
    }

    void deliver(String address, String message) {
        deliver(address, message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void deliver(String address, byte[] message) {
        deliver(address, new ByteArrayInputStream(message));
    }

    void deliver(String address, InputStream message) {
        try {
            store.deliver("sender@example.org", List.of(Recipient.resolved(address, (Deliverable) directory.resolve(address))),
                    message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the mailbox holds now, by UID. */
    List<MailboxEntry> entries(String address) {
        return mailboxes.entries(((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId());
    }

    @Override
    public void close() {
        processes.forEach(Pop3Process::close);
        database.close();
    }
}
