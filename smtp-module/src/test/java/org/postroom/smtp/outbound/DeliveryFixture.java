package org.postroom.smtp.outbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.smtp.testing.TestSmtpServer;
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
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.storage.secret.ServerSecrets;
import org.xbill.DNS.Resolver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Everything outbound delivery works with, real and on loopback: a fresh PostgreSQL database with
 * the local domain example.com (and its DKIM key) and the user alice@example.com, a test DNS
 * server, a test SMTP server, and delivery built over them.
 */
final class DeliveryFixture implements AutoCloseable {

    private static final Duration LEASE = Duration.ofMinutes(5);

    static final String HOSTNAME = "mail.example.com";
    static final String ALICE = "alice@example.com";
    static final String RELAY_USER = "relay-user";
    static final String RELAY_PASSWORD = "relay-secret";

    final TestDatabase database = TestDatabase.create();
    final MailStore store = new MailStore(database.database());
    final DeliveryQueue queue = new DeliveryQueue(database.database());
    final MailDirectory directory = new MailDirectory(database.database());
    final Mailboxes mailboxes = new Mailboxes(database.database());
    final DomainRepository domains = new DomainRepository(database.database(), "postroom");
    final TestDnsServer dns;
    final TestSmtpServer smtp;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Map<String, HostAndPort> routes = new HashMap<>();
    RelayHost relay;
    /** Set for MTA-STS; null: policies are not looked at. */
    MtaStsHops mtaSts;
    RetrySchedule retries = new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofDays(5));
    Duration delayWarning = Duration.ofHours(4);
    Duration readTimeout = Duration.ofSeconds(10);
    private OutboundDelivery delivery;

    DeliveryFixture() {
        try {
            dns = new TestDnsServer();
            smtp = new TestSmtpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        domains.create("example.com");
        new UserRepository(database.database()).create(ALICE, "secret-password", null);
    }

    /**
     * All mail goes to the test SMTP server as the relay host {@code localhost} (the name its
     * certificate of {@code ca} is for), logging in as relay-user, trusting {@code trustFile}.
     */
    DeliveryFixture loginRelay(TlsMode tls, Path trustFile) throws IOException {
        // the address of an opportunistic hop is looked up in DNS, that of a verified one by the system
        dns.a("localhost", "127.0.0.1");
        relay = new RelayHost(new HostAndPort("localhost", smtp.port()), tls, RELAY_USER, RELAY_PASSWORD,
                CertificateTrust.jdkAnd(trustFile));
        return this;
    }

    /** Mail for {@code domain} goes to the test SMTP server. */
    DeliveryFixture route(String domain) {
        routes.put(domain, HostAndPort.parse(smtp.hostAndPort(), 25));
        return this;
    }

    OutboundDelivery delivery() {
        return OutboundDelivery.create(settings(), resolver(), new MessageSigner(domains), senderRewriting(), queue,
                store, directory, Clock.systemUTC(), meters);
    }

    /** SRS with the installation's secret, kept in the database as the server keeps it. */
    SenderRewriting senderRewriting() {
        return new SenderRewriting(new ServerSecrets(database.database()).secret(ServerSecrets.SRS), Clock.systemUTC());
    }

    DeliverySettings settings() {
        return new DeliverySettings(HOSTNAME, Duration.ofSeconds(5), readTimeout, retries, delayWarning);
    }

    NextHopResolver resolver() {
        return new NextHopResolver(routes, relay, new DnsLookup(dns.dnsResolver(), smtp.port()), mtaSts);
    }

    /** Queues {@code content} as submitted by {@code sender} for remote {@code recipients}; returns the message id. */
    long send(String sender, byte[] content, String... recipients) {
        return queue(sender, MessageOrigin.SUBMITTED, content, recipients);
    }

    /** Queues {@code content} as received from the internet for an alias forwarding to {@code recipients}. */
    long receive(String sender, byte[] content, String... recipients) {
        return queue(sender, MessageOrigin.RECEIVED, content, recipients);
    }

    private long queue(String sender, MessageOrigin origin, byte[] content, String... recipients) {
        try {
            return store.deliver(sender, origin, Arrays.stream(recipients).map(Recipient::remote).toList(),
                    new ByteArrayInputStream(content)).messageId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One attempt at every due entry, grouped as the workers group them, in this thread. The
     * delivery is built on the first call (from the settings then) and kept, as a process keeps it.
     */
    void deliverDue() {
        if (delivery == null) {
            delivery = delivery();
        }
        List<QueueEntry> group;
        while (!(group = queue.claimNext("test", 100, LEASE)).isEmpty()) {
            delivery.deliver(group, Instant.MAX, Instant.now().plus(LEASE));
        }
    }

    /** As a process restarted with changed settings: the next {@link #deliverDue} builds the delivery anew. */
    void restart() {
        delivery = null;
    }

    /** The messages in a local user's INBOX, as bytes. */
    List<byte[]> inbox(String address) {
        long mailbox = ((Deliverable) directory.resolve(address)).mailboxes().iterator().next().mailboxId();
        List<byte[]> messages = new ArrayList<>();
        for (MailboxEntry entry : mailboxes.entries(mailbox)) {
            try (InputStream in = mailboxes.content(entry)) {
                messages.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    Resolver dnsResolver() {
        return dns.resolver();
    }

    /** A plain message From: {@code from}, with CRLF line endings as stored messages have. */
    static byte[] message(String from, String subject, String body) {
        return ("From: " + from + "\r\n"
                + "To: Someone <someone@far.example>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Thu, 26 Nov 2026 08:00:00 +0000\r\n"
                + "Message-ID: <" + subject.hashCode() + "@example.com>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        smtp.close();
        dns.close();
        database.close();
    }
}
