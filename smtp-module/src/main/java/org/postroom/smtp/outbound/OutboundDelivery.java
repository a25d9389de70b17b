package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_NET4_UNABLE_TO_ROUTE4;
import static org.postroom.smtp.reply.Codes.SE_SYSTEM3_OTHER0;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.smtp.dsn.Bounces;
import org.postroom.smtp.outbound.DeliveryOutcome.Deferred;
import org.postroom.smtp.outbound.DeliveryOutcome.Failed;
import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.smtp.outbound.NextHops.NoMail;
import org.postroom.smtp.outbound.NextHops.Unresolved;
import org.postroom.smtp.outbound.TransactionResult.Answered;
import org.postroom.smtp.outbound.TransactionResult.HostFailed;
import org.postroom.smtp.reply.Diagnosis;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * One attempt at a claimed group of queue entries (one message, one recipient domain): find the
 * next hops, prepare the message once (DKIM), then try the hosts in order, each of their
 * addresses in turn, until one server decides about the recipients; a connection failure, a failed
 * TLS handshake or a 4xx before any RCPT moves on to the next. At most {@link #MAX_CONNECTIONS}
 * connections per attempt, so a domain with many dead hosts cannot hold a worker for long.
 *
 * <p>Mail received from the internet that an alias forwards leaves with its envelope sender
 * rewritten by {@link SenderRewriting} into an address at the alias's domain: the receiver's SPF
 * check (RFC 7208) then asks about us, who send it, rather than failing for the original sender's
 * domain, and a bounce comes back to us to be handed on. The null sender stays null; mail our
 * users submitted keeps its sender, which is ours already.
 */
public final class OutboundDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    static final int MAX_CONNECTIONS = 5;

    private final NextHopResolver resolver;
    private final SmtpClient client;
    private final OutgoingMessages messages;
    private final OutcomeRecorder recorder;
    private final SenderRewriting senderRewriting;
    private final TlsFallbacks tlsFallbacks = new TlsFallbacks();
    private final Clock clock;

    OutboundDelivery(NextHopResolver resolver, SmtpClient client, OutgoingMessages messages, OutcomeRecorder recorder,
            SenderRewriting senderRewriting, Clock clock) {
        this.resolver = resolver;
        this.client = client;
        this.messages = messages;
        this.recorder = recorder;
        this.senderRewriting = senderRewriting;
        this.clock = clock;
    }

    /**
     * Outbound delivery over the storage services, signing with {@code signer}, rewriting the
     * sender of forwarded mail with {@code senderRewriting}, counting into {@code meters}.
     */
    public static OutboundDelivery create(DeliverySettings settings, NextHopResolver resolver, MessageSigner signer,
            SenderRewriting senderRewriting, DeliveryQueue queue, MailStore store, MailDirectory directory,
            Clock clock, MeterRegistry meters) {
        Bounces bounces = new Bounces(store, directory, queue, settings.hostname(), clock);
        return new OutboundDelivery(resolver, new SmtpClient(settings), new OutgoingMessages(queue, signer),
                new OutcomeRecorder(queue, bounces, settings.retries(), settings.delayWarning(), meters),
                senderRewriting, clock);
    }

    /**
     * Delivers (or defers, or fails) every entry of {@code group} and records it. No new
     * connection is opened after {@code connectBefore}, so that the attempt ends well within the
     * claim's lease (which ends at {@code leaseEnds}) even when host after host stalls; what is left
     * is deferred. Recording waits out a failing database until the lease is about to end.
     */
    public void deliver(List<QueueEntry> group, Instant connectBefore, Instant leaseEnds) {
        recorder.record(group, attempt(group, connectBefore), new LeasedWrites(clock, leaseEnds));
    }

    private Map<String, DeliveryOutcome> attempt(List<QueueEntry> group, Instant connectBefore) {
        QueueEntry first = group.get(0);
        List<String> recipients = group.stream().map(QueueEntry::recipient).toList();
        NextHops hops = resolver.resolve(first.domain());
        if (hops instanceof NoMail noMail) {
            return all(recipients, new Failed("", noMail.diagnosis()));
        }
        if (hops instanceof Unresolved unresolved) {
            return all(recipients, new Deferred("", unresolved.diagnosis()));
        }
        for (String finding : ((Hosts) hops).findings()) {
            log.info("mta-sts testing queue-entries={} message={} domain={}: {}",
                    group.stream().map(e -> Long.toString(e.id())).collect(Collectors.joining(",")), first.messageId(),
                    first.domain(), finding);
        }
        OutgoingMessage message;
        try {
            message = messages.prepare(first);
        } catch (IOException e) {
            return all(recipients, new Deferred("", Diagnosis.temporary(SE_SYSTEM3_OTHER0,
                    "reading the stored message failed: " + e.getMessage())));
        }
        String sender = envelopeSender(first);
        DeliveryOutcome last = new Deferred("", Diagnosis.temporary(SE_NET4_UNABLE_TO_ROUTE4,
                "no mail host of " + first.domain() + " could be tried"));
        int connections = 0;
        for (NextHop hop : ((Hosts) hops).hosts()) {
            List<String> targets = targets(hop);
            if (targets.isEmpty()) {
                last = new Deferred(hop.toString(),
                        Diagnosis.temporary(SE_NET4_UNABLE_TO_ROUTE4, "no address for " + hop.host()));
            }
            for (String target : targets) {
                if (connections == MAX_CONNECTIONS || connections > 0 && clock.instant().isAfter(connectBefore)) {
                    return all(recipients, last);
                }
                connections++;
                String server = target + ":" + hop.port();
                TlsMode tls = hop.tls() == TlsMode.OPPORTUNISTIC && tlsFallbacks.plainTextOnly(server)
                        ? TlsMode.NONE : hop.tls();
                TransactionResult result = client.send(hop, target, tls, sender, recipients, message);
                if (result instanceof Answered answered) {
                    return answered.outcomes();
                }
                HostFailed failure = (HostFailed) result;
                if (failure.tlsFailed() && hop.tls() == TlsMode.OPPORTUNISTIC) {
                    tlsFallbacks.handshakeFailed(server);
                }
                last = DeliveryOutcome.notDelivered(hop.toString(), failure.diagnosis());
            }
        }
        return all(recipients, last);
    }

    /**
     * The reverse path of the group's transaction. The entries of one group may have been forwarded
     * by different aliases; the first one's domain serves for all, since a bounce to any of our
     * domains comes back to us.
     */
    private String envelopeSender(QueueEntry first) {
        if (first.origin() != MessageOrigin.RECEIVED || first.sender().isEmpty() || first.forwardedFor().isEmpty()) {
            return first.sender();
        }
        return senderRewriting.forward(first.sender(), Address.of(first.forwardedFor()).domain());
    }

    /**
     * Where to connect for a hop: its addresses, looked up with our resolver; but a hop whose
     * certificate is verified is connected to by name, since the name is what the certificate says.
     */
    private List<String> targets(NextHop hop) {
        if (hop.tls() == TlsMode.STARTTLS || hop.tls() == TlsMode.IMPLICIT) {
            return List.of(hop.host());
        }
        return resolver.dns().addresses(hop.host()).stream().map(InetAddress::getHostAddress).toList();
    }

    private static Map<String, DeliveryOutcome> all(List<String> recipients, DeliveryOutcome outcome) {
        Map<String, DeliveryOutcome> outcomes = new HashMap<>();
        recipients.forEach(r -> outcomes.put(r, outcome));
        return outcomes;
    }
}
