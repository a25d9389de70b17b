package org.postroom.smtp.inbound.senders;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.DomainName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * DNS blocklists (RFC 5782) of the client's address: asked as the client connects, in the
 * background and of every zone at once, so that the answers are usually there by the first RCPT,
 * which {@link SenderPolicyHook} refuses when a zone lists the client. Once per session: the
 * outcome stays with the connection.
 *
 * <p>The question for 192.0.2.10 in {@code zen.example} is {@code 10.2.0.192.zen.example} (an IPv6
 * address: its 32 nibbles, reversed); an A record in 127.0.0.0/8 means listed, and the TXT record
 * of the same name says why. No such name means not listed. A list signals a problem with the
 * query itself by an answer in 127.255.255.0/24 (Spamhaus: 127.255.255.254 for a query through a
 * public resolver, .255 for too many queries): that, an answer outside 127/8, or a DNS failure
 * (SERVFAIL, timeout) never counts as listed; each is counted in {@code
 * postroom.smtp.dnsbl.lookups{zone,result=error}} and logged once per zone and kind.
 */
public final class Dnsbl implements ConnectHandler<SMTPSession> {

    private static final Logger log = LoggerFactory.getLogger(Dnsbl.class);

    @SuppressWarnings("unchecked")
    private static final AttachmentKey<CompletableFuture<Optional<Listing>>> KEY = AttachmentKey.of("postroom.dnsbl",
            (Class<CompletableFuture<Optional<Listing>>>) (Class<?>) CompletableFuture.class);
    /** The most of a list's reason a reply repeats: the reply line stays within RFC 5321's 512 octets. */
    private static final int MAX_REASON = 200;

    private final List<Name> zones;
    private final DnsResolver resolver;
    private final Duration wait;
    private final MeterRegistry meters;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param zones the lists' DNS zones, asked in this order; the first that lists a client is named
     * @param resolver the server's resolver (whose cache keeps the answers for their TTL)
     * @param dnsTimeout the resolver's timeout: a client's lookups are given at most what an A and a
     *        TXT lookup with retries take before the client counts as not listed
     */
    public Dnsbl(List<String> zones, DnsResolver resolver, Duration dnsTimeout, MeterRegistry meters) {
        this.zones = zones.stream().map(Dnsbl::zone).toList();
        this.resolver = resolver;
        this.wait = dnsTimeout.multipliedBy(4).plusSeconds(2);
        this.meters = meters;
    }

    /**
     * The zone as a DNS name, in its canonical form ({@link DomainName#validated}).
     *
     * @throws IllegalArgumentException naming the zone when it is not a domain name
     */
    public static Name zone(String zone) {
        try {
            return Name.fromString(DomainName.validated(zone), Name.root);
        } catch (InvalidInputException | TextParseException e) {
            throw new IllegalArgumentException("not a DNS zone: " + zone, e);
        }
    }

    /** True when lists are configured; without any, nothing is asked. */
    public boolean enabled() {
        return !zones.isEmpty();
    }

    @Override
    public Response onConnect(SMTPSession session) {
        if (enabled()) {
            session.setAttachment(KEY, lookUp(session.getRemoteAddress().getAddress()), State.Connection);
        }
        return null;
    }

    /**
     * The first zone that lists the session's client; empty when none does, none answered in
     * time, or no list is configured. Waits for the lookups the connection started.
     */
    public Optional<Listing> listing(SMTPSession session) {
        return session.getAttachment(KEY, State.Connection).map(CompletableFuture::join).flatMap(listing -> listing);
    }

    /** Asks every zone about {@code client} at once; completes with the first listing in zone order. */
    CompletableFuture<Optional<Listing>> lookUp(InetAddress client) {
        List<CompletableFuture<Optional<Listing>>> answers = new ArrayList<>();
        for (Name zone : zones) {
            answers.add(ask(client, zone).toCompletableFuture()
                    .orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failure -> failure instanceof TimeoutException
                            ? error(zone, "no answer in time", wait.toSeconds() + " s")
                            : error(zone, "lookup failed", failure.toString())));
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst());
    }

    /** The A record of {@code client} in {@code zone}, then, when it lists the client, the TXT record saying why. */
    private CompletionStage<Optional<Listing>> ask(InetAddress client, Name zone) {
        String name = queryName(client, zone);
        return resolver.lookupAsync(name, Type.A).thenCompose(answer -> {
            if (answer instanceof DnsAnswer.None) {
                return CompletableFuture.completedFuture(count(zone, "clear", Optional.empty()));
            }
            if (answer instanceof DnsAnswer.Failed failed) {
                return CompletableFuture.completedFuture(error(zone, "DNS failure", failed.reason()));
            }
            List<InetAddress> codes = ((DnsAnswer.Found) answer).addresses();
            if (codes.isEmpty()) {
                return CompletableFuture.completedFuture(count(zone, "clear", Optional.empty()));
            }
            if (!codes.stream().allMatch(Dnsbl::listingCode)) {
                return CompletableFuture.completedFuture(error(zone, "answer that is no listing",
                        codes.stream().map(InetAddress::getHostAddress).toList().toString()));
            }
            return reason(name).thenApply(reason -> count(zone, "listed",
                    Optional.of(new Listing(client.getHostAddress(), zone.toString(true), reason))));
        });
    }

    /** 127.0.0.0/8 without 127.255.255.0/24, the range lists use to say the query was refused. */
    private static boolean listingCode(InetAddress code) {
        byte[] octets = code.getAddress();
        return octets[0] == 127 && !(octets[1] == (byte) 255 && octets[2] == (byte) 255);
    }

    /**
     * The list's TXT record at the same name, as its raw bytes made printable ASCII (dnsjava's text
     * form would show a control character as an escape), cut short; empty when it has none.
     */
    private CompletionStage<String> reason(String name) {
        return resolver.lookupAsync(name, Type.TXT).thenApply(answer -> {
            if (answer instanceof DnsAnswer.Found found) {
                String text = Printable.asciiLine(found.records().stream().filter(TXTRecord.class::isInstance)
                        .flatMap(record -> ((TXTRecord) record).getStringsAsByteArrays().stream())
                        .map(bytes -> new String(bytes, StandardCharsets.ISO_8859_1)).collect(Collectors.joining("; ")));
                return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "..." : text;
            }
            return "";
        });
    }

    /** {@code client}'s reversed address under {@code zone}: ReverseMap's name without in-addr.arpa or ip6.arpa. */
    static String queryName(InetAddress client, Name zone) {
        Name reversed = ReverseMap.fromAddress(client);
        // in-addr.arpa. and ip6.arpa. both end in three labels, the root's included
        int labels = reversed.labels() - 3;
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            name.append(reversed.getLabelString(i)).append('.');
        }
        return name.append(zone.toString(false)).toString();
    }

    private Optional<Listing> count(Name zone, String result, Optional<Listing> listing) {
        Counter.builder("postroom.smtp.dnsbl.lookups").description("DNS blocklist lookups by zone and result")
                .tag("zone", zone.toString(true)).tag("result", result).register(meters).increment();
        return listing;
    }

    /** Not listed, for want of a usable answer: counted, and logged once per zone and kind of error. */
    private Optional<Listing> error(Name zone, String kind, String detail) {
        if (warned.add(zone + " " + kind)) {
            log.warn("DNS blocklist {} unusable ({}: {}); clients count as not listed by it. Public lists refuse"
                    + " queries that come through big public resolvers: use a resolver of your own", zone.toString(true),
                    kind, Printable.text(detail));
        }
        return count(zone, "error", Optional.empty());
    }

    /** The client {@code address} is in {@code zone}'s list; {@code reason} is its TXT text, or empty. */
    public record Listing(String address, String zone, String reason) {
    }
}
