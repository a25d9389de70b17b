package org.postroom.smtp.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.smtp.outbound.DeliverySettings;
import org.postroom.smtp.outbound.DnsLookup;
import org.postroom.smtp.outbound.HostAndPort;
import org.postroom.smtp.outbound.NextHopResolver;
import org.postroom.smtp.outbound.OutboundDelivery;
import org.postroom.smtp.outbound.RetrySchedule;
import org.postroom.smtp.testing.DkimCheck;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.smtp.testing.TestSmtpServer;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Outbound delivery over a {@link TestMailSystem}'s database, run in the test's thread: what the
 * listeners queued goes to a test SMTP server (the sink), to which every given domain is routed.
 * For tests that follow a message from a listener out to the next server.
 */
final class TestDelivery implements AutoCloseable {

    private static final Duration LEASE = Duration.ofMinutes(5);

    private final TestMailSystem mail;
    private final TestSmtpServer sink;
    private final TestDnsServer dns;
    private final OutboundDelivery delivery;

    TestDelivery(TestMailSystem mail, String... routedDomains) {
        this.mail = mail;
        try {
            sink = new TestSmtpServer();
            dns = new TestDnsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HostAndPort hop = HostAndPort.parse(sink.hostAndPort(), 25);
        Map<String, HostAndPort> routes = new HashMap<>();
        for (String domain : routedDomains) {
            routes.put(domain, hop);
        }
        DeliverySettings settings = new DeliverySettings(TestListener.HOSTNAME, Duration.ofSeconds(5),
                Duration.ofSeconds(10), new RetrySchedule(List.of(Duration.ofMinutes(1)), Duration.ofDays(5)), Duration.ZERO);
        delivery = OutboundDelivery.create(settings, new NextHopResolver(routes, null, new DnsLookup(dns.dnsResolver(),
                sink.port())), new MessageSigner(domains()), mail.senderRewriting(), new DeliveryQueue(mail.database()),
                new MailStore(mail.database()), mail.directory(), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** The server every routed domain's mail goes to. */
    TestSmtpServer sink() {
        return sink;
    }

    /** One attempt at every due queue entry, grouped as the workers group them. */
    void deliverDue() {
        DeliveryQueue queue = new DeliveryQueue(mail.database());
        List<QueueEntry> group;
        while (!(group = queue.claimNext("test", 100, LEASE)).isEmpty()) {
            delivery.deliver(group, Instant.MAX, Instant.now().plus(LEASE));
        }
    }

    /** True when {@code message} carries a DKIM signature that verifies with {@code domain}'s published key. */
    boolean verifiesFor(String domain, byte[] message) throws IOException {
        return DkimCheck.verifies(message, domains().find(domain).orElseThrow().dkimRecord().value());
    }

    private DomainRepository domains() {
        return new DomainRepository(mail.database(), "postroom");
    }

    @Override
    public void close() throws IOException {
        sink.close();
        dns.close();
    }
}
