package org.postroom.smtp.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.postroom.smtp.dsn.QuotaBounces;
import org.postroom.smtp.inbound.checks.InboundChecks;
import org.postroom.smtp.inbound.greylist.Greylisting;
import org.postroom.smtp.inbound.limits.SendingControl;
import org.postroom.smtp.inbound.limits.SuspensionNotices;
import org.postroom.smtp.inbound.senders.Dnsbl;
import org.postroom.smtp.inbound.senders.SenderPolicy;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginLimits;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.greylist.Greylist;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.quarantine.HeldMessage;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.secret.ServerSecrets;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.spam.SpamPolicies;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A real PostgreSQL with a small company in it, for the SMTP tests:
 * <ul>
 * <li>example.com: alice and bob (bob has a 1 MiB quota), carol (disabled), the alias team@
 * (alice, bob), the alias fwd@ (to far@elsewhere.test);</li>
 * <li>catchall.test: the catch-all {@code @catchall.test} delivering to alice.</li>
 * </ul>
 * The database the services use can be switched off, as if PostgreSQL went down.
 */
public final class TestMailSystem implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery staple";
    public static final long BOB_QUOTA = 1024 * 1024;

    private final TestDatabase testDatabase;
    private final SwitchableDataSource switchable;
    private final Database db;
    private final JdbcClient sql;

    private TestMailSystem() {
        testDatabase = TestDatabase.create();
        switchable = new SwitchableDataSource(testDatabase.dataSource());
        db = new Database(switchable);
        sql = JdbcClient.create(testDatabase.dataSource());
        DomainRepository domains = new DomainRepository(db, "postroom");
        UserRepository users = new UserRepository(db);
        AliasRepository aliases = new AliasRepository(db);
        domains.create("example.com");
        domains.create("catchall.test");
        users.create("alice@example.com", PASSWORD, null);
        users.create("bob@example.com", PASSWORD, BOB_QUOTA);
        users.create("carol@example.com", PASSWORD, null);
        users.setEnabled("carol@example.com", false);
        aliases.create("team@example.com", List.of("alice@example.com", "bob@example.com"));
        aliases.create("fwd@example.com", List.of("far@elsewhere.test"));
        aliases.create("@catchall.test", List.of("alice@example.com"));
    }

    public static TestMailSystem create() {
        return new TestMailSystem();
    }

    /** The database the services use (switched off with {@link #breakDatabase()}). */
    public Database database() {
        return db;
    }

    public MailDirectory directory() {
        return new MailDirectory(db);
    }

    public Authenticator authenticator() {
        return new Authenticator(db);
    }

    /**
     * The login throttle with {@code maxFailures} per client in 5 minutes and a failure delay of
     * {@code delay} per failure; an account waits after 5 failures, from 1 up to 2 seconds.
     */
    public LoginThrottle throttle(int maxFailures, Duration delay, MeterRegistry meters) {
        return new LoginThrottle(db, new LoginLimits(maxFailures, Duration.ofMinutes(5), delay, 5, Duration.ofMinutes(5),
                Duration.ofSeconds(2), List.of()), meters);
    }

    /** SMTP's login pipeline over {@link #throttle}. */
    public LoginAttempts<AuthenticatedUser> logins(int maxFailures, Duration delay) {
        return throttle(maxFailures, delay, new SimpleMeterRegistry()).attempts(authenticator(), LoginProtocol.SMTP);
    }

    /** SRS with this installation's secret, which the database keeps (so inbound and outbound agree). */
    public SenderRewriting senderRewriting() {
        return new SenderRewriting(new ServerSecrets(db).secret(ServerSecrets.SRS), Clock.systemUTC());
    }

    /** The administrators' quarantine, where port 25 holds what a DMARC policy of quarantine applies to. */
    public Quarantine quarantine() {
        return new Quarantine(db, directory(), new MessageChecks(db));
    }

    public UserRepository users() {
        return new UserRepository(db);
    }

    /**
     * Everything the SMTP chains need, over this database, spooling into {@code spool}, asking the
     * DNS blocklists of {@code dnsbl}, greylisting port 25 with {@code greylisting}, checking
     * received mail with {@code checks}, filtering spam with {@code spam}, counting into {@code meters}.
     */
    public InboundServices services(Spool spool, LoginThrottle throttle, Dnsbl dnsbl, Greylisting greylisting,
            InboundChecks checks, SpamFilter spam, SendingPolicy sendingPolicy, Clock clock, MeterRegistry meters) {
        MailStore store = new MailStore(db);
        QuotaBounces bounces = QuotaBounces.create(TestListener.HOSTNAME, store, directory(), new DeliveryQueue(db),
                Clock.systemUTC());
        return new InboundServices(directory(), store, quarantine(), authenticator(), throttle, spool, bounces,
                senderRewriting(), new SenderPolicy(senderLists(), dnsbl), greylisting, checks, spam,
                sending(sendingPolicy, clock), new CommandTimers(meters), meters);
    }

    /**
     * The sending limits of submission: {@code policy}'s, at the time of {@code clock}, notices to
     * postmasters linking to the console at https://console.postroom.test.
     */
    public SendingControl sending(SendingPolicy policy, Clock clock) {
        return SendingControl.on(new SendingCounters(db), policy, new SuspensionNotices(directory(), new MailStore(db),
                quarantine(), TestListener.HOSTNAME, URI.create("https://console.postroom.test"), clock, Locale.ENGLISH),
                clock);
    }

    public SpamPolicies spamPolicies() {
        return new SpamPolicies(db);
    }

    /** The greylist of this database, with {@code delay} and a pass lifetime of 36 days. */
    public Greylist greylist(Duration delay) {
        return new Greylist(db, delay, Duration.ofDays(36));
    }

    public SenderLists senderLists() {
        return new SenderLists(db);
    }

    public DomainRepository domains() {
        return new DomainRepository(db, "postroom");
    }

    /** The messages held in the quarantine, newest first. */
    public List<HeldMessage> held() {
        Database direct = testDatabase.database();
        return new Quarantine(direct, new MailDirectory(direct), new MessageChecks(direct)).list(0, 100).items();
    }

    /** From now on every connection attempt of the services fails, as with PostgreSQL down. */
    public void breakDatabase() {
        switchable.down = true;
    }

    public void repairDatabase() {
        switchable.down = false;
    }

    /**
     * From now on PostgreSQL refuses to store a message's bytes as it does when its disk is full:
     * SQLSTATE 53100 ("could not extend file …: No space left on device"), raised by PostgreSQL
     * itself from a trigger on the table of messages, so that the driver, the transaction's
     * rollback and storage's translation all run as with a real full disk.
     */
    public void fillDatabaseDisk() {
        sql.sql("""
                create function test_disk_full() returns trigger language plpgsql as $$ begin
                raise exception 'could not extend file: No space left on device' using errcode = 'disk_full';
                end $$""").update();
        sql.sql("create trigger test_disk_full before insert on message for each statement"
                + " execute function test_disk_full()").update();
    }

    /** Undoes {@link #fillDatabaseDisk}. */
    public void freeDatabaseDisk() {
        sql.sql("drop trigger test_disk_full on message").update();
        sql.sql("drop function test_disk_full()").update();
    }

    /** Puts {@code content} straight into a local user's INBOX, bypassing SMTP (to fill a quota). */
    public void store(String address, byte[] content) {
        Database direct = testDatabase.database();
        Deliverable user = (Deliverable) new MailDirectory(direct).resolve(address);
        try {
            new MailStore(direct).deliver("", MessageOrigin.RECEIVED,
                    List.of(Recipient.resolved(address, user)), new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages in a user's INBOX, oldest first, as stored. */
    public List<byte[]> inbox(String address) {
        Database direct = testDatabase.database();
        Deliverable user = (Deliverable) new MailDirectory(direct).resolve(address);
        long mailboxId = user.mailboxes().iterator().next().mailboxId();
        Mailboxes mailboxes = new Mailboxes(direct);
        List<byte[]> messages = new ArrayList<>();
        for (MailboxEntry entry : mailboxes.entries(mailboxId)) {
            try (InputStream content = mailboxes.content(entry)) {
                messages.add(content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** The check verdicts stored with the message stored last. */
    public List<MessageCheck> checksOfLastMessage() {
        long id = sql.sql("select max(id) from message").query(Long.class).single();
        return new MessageChecks(testDatabase.database()).of(id);
    }

    /** Stored message copies, whoever they are for. */
    public long storedMessages() {
        return sql.sql("select count(*) from message").query(Long.class).single();
    }

    /**
     * The messages in a user's INBOX, oldest first, as stored, removed from it as they are read: a
     * fuzz target looks at each session's messages without the INBOX growing with every session.
     */
    public List<byte[]> takeInbox(String address) {
        Database direct = testDatabase.database();
        Deliverable user = (Deliverable) new MailDirectory(direct).resolve(address);
        long mailboxId = user.mailboxes().iterator().next().mailboxId();
        Mailboxes mailboxes = new Mailboxes(direct);
        List<MailboxEntry> entries = mailboxes.entries(mailboxId);
        List<byte[]> messages = new ArrayList<>();
        for (MailboxEntry entry : entries) {
            try (InputStream content = mailboxes.content(entry)) {
                messages.add(content.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        mailboxes.expunge(mailboxId, entries.stream().map(MailboxEntry::uid).toList());
        return messages;
    }

    /** Recipients waiting in the outbound queue. */
    public List<String> queuedRecipients() {
        return sql.sql("select recipient from queue_entry order by id").query(String.class).list();
    }

    /**
     * Holds an exclusive lock on the message table until closed, so that every commit of a message
     * waits, as if PostgreSQL were very slow.
     */
    public AutoCloseable lockMessages() throws SQLException {
        Connection connection = testDatabase.dataSource().getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table message in access exclusive mode");
        }
        return () -> {
            connection.rollback();
            connection.close();
        };
    }

    /** Database sessions of this test that wait for a lock right now. */
    public long sessionsWaitingForALock() {
        return sql.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                .query(Long.class).single();
    }

    @Override
    public void close() {
        testDatabase.close();
    }

    private static final class SwitchableDataSource extends DelegatingDataSource {
        volatile boolean down;

        SwitchableDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLException("Connection refused: the test switched the database off", "08001");
            }
            return super.getConnection();
        }
    }
}
