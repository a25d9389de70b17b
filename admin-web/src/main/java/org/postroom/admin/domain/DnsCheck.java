package org.postroom.admin.domain;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.postroom.admin.settings.ServerSettings;
import org.postroom.storage.directory.Domain;
import org.springframework.stereotype.Component;

/**
 * Looks each record a domain needs ({@link DnsRecords}) up in DNS and says whether it is published
 * as it should be, plus the PTR record of each address of the server's host name (forward-confirmed
 * reverse DNS: the PTR names the host, and the host name resolves to the address). All lookups of
 * one check run at once, through the server's resolver ({@link Zone}).
 */
@Component
public class DnsCheck {

    private final DnsRecords records;
    private final ServerSettings server;
    private final Zone zone;

    DnsCheck(DnsRecords records, ServerSettings server, Zone zone) {
        this.records = records;
        this.server = server;
        this.zone = zone;
    }

    /** Every record of {@code domain} with its state, in the order of {@link DnsRecords#of}, the PTR records last. */
    public List<CheckedRecord> check(Domain domain) {
        String host = server.hostname() + ".";
        List<CompletableFuture<CheckedRecord>> checks = new ArrayList<>();
        for (DnsRecord record : records.of(domain)) {
            checks.add((record.type().equals("CNAME") ? alias(record, host) : plain(record)).toCompletableFuture());
        }
        CompletableFuture<List<CheckedRecord>> ptr = reverse(server.hostname()).toCompletableFuture();
        // the zone completes every lookup within its timeout, never exceptionally
        return Stream.concat(checks.stream().map(CompletableFuture::join), ptr.join().stream()).toList();
    }

    private CompletionStage<CheckedRecord> plain(DnsRecord expected) {
        return zone.lookup(expected.type(), expected.name()).thenApply(answer -> {
            if (answer instanceof ZoneAnswer.Failed failed) {
                return new CheckedRecord(expected, RecordState.UNKNOWN, List.of(), failed.reason());
            }
            List<String> ofItsKind = answer instanceof ZoneAnswer.Records found
                    ? found.values().stream().filter(value -> sameKind(expected, value)).toList()
                    : List.of();
            if (ofItsKind.isEmpty()) {
                return new CheckedRecord(expected, RecordState.MISSING, List.of(), "DNS has no such record");
            }
            return ofItsKind.stream().anyMatch(value -> sameValue(expected, value))
                    ? new CheckedRecord(expected, RecordState.PUBLISHED, ofItsKind, null)
                    : new CheckedRecord(expected, RecordState.DIFFERENT, ofItsKind, "DNS has another value");
        });
    }

    /**
     * A name that should lead to the server: a CNAME to its host name, or (where a CNAME cannot be,
     * or the operator prefers) A/AAAA records with exactly the host's addresses.
     */
    private CompletionStage<CheckedRecord> alias(DnsRecord expected, String host) {
        return zone.lookup("CNAME", expected.name()).thenCompose(answer -> {
            if (answer instanceof ZoneAnswer.Failed failed) {
                return done(new CheckedRecord(expected, RecordState.UNKNOWN, List.of(), failed.reason()));
            }
            if (answer instanceof ZoneAnswer.Records found) {
                return done(found.values().stream().anyMatch(target -> target.equalsIgnoreCase(host))
                        ? new CheckedRecord(expected, RecordState.PUBLISHED, found.values(), null)
                        : new CheckedRecord(expected, RecordState.DIFFERENT, found.values(),
                                "points at another host"));
            }
            return addresses(expected.name()).thenCombine(addresses(server.hostname()), (own, hosts) -> {
                if (own.failure() != null || hosts.failure() != null) {
                    return new CheckedRecord(expected, RecordState.UNKNOWN, List.of(),
                            own.failure() != null ? own.failure() : hosts.failure());
                }
                if (own.values().isEmpty()) {
                    return new CheckedRecord(expected, RecordState.MISSING, List.of(), "DNS has no such record");
                }
                return !hosts.values().isEmpty() && own.values().containsAll(hosts.values())
                        && hosts.values().containsAll(own.values())
                                ? new CheckedRecord(expected, RecordState.PUBLISHED, own.values(), null)
                                : new CheckedRecord(expected, RecordState.DIFFERENT, own.values(),
                                        "addresses other than " + server.hostname() + "'s");
            });
        });
    }

    /** The PTR record of each address of {@code hostname}, checked to name it. */
    private CompletionStage<List<CheckedRecord>> reverse(String hostname) {
        String host = hostname + ".";
        return addresses(hostname).thenCompose(addresses -> {
            if (addresses.failure() != null) {
                return done(List.of(new CheckedRecord(ptr("(the address of " + hostname + ")", host),
                        RecordState.UNKNOWN, List.of(), addresses.failure())));
            }
            if (addresses.values().isEmpty()) {
                return done(List.of(new CheckedRecord(ptr("(the address of " + hostname + ")", host),
                        RecordState.MISSING, List.of(), hostname + " has no A or AAAA record")));
            }
            List<CompletableFuture<CheckedRecord>> checks = addresses.values().stream()
                    .map(address -> pointer(address, host).toCompletableFuture()).toList();
            return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                    .thenApply(all -> checks.stream().map(CompletableFuture::join).toList());
        });
    }

    private CompletionStage<CheckedRecord> pointer(String address, String host) {
        DnsRecord expected = ptr(reverseName(address), host);
        return zone.lookup("PTR", expected.name()).thenCompose(answer -> {
            if (answer instanceof ZoneAnswer.Failed failed) {
                return done(new CheckedRecord(expected, RecordState.UNKNOWN, List.of(), failed.reason()));
            }
            if (!(answer instanceof ZoneAnswer.Records found)) {
                return done(new CheckedRecord(expected, RecordState.MISSING, List.of(),
                        "whoever gives out " + address + " (the hosting provider) sets its PTR record"));
            }
            if (found.values().stream().anyMatch(name -> name.equalsIgnoreCase(host))) {
                // forward-confirmed: the address is one the host name resolves to
                return done(new CheckedRecord(expected, RecordState.PUBLISHED, found.values(), null));
            }
            String other = found.values().get(0);
            return addresses(other.substring(0, other.length() - 1)).thenApply(back -> new CheckedRecord(expected,
                    RecordState.DIFFERENT, found.values(), back.values().contains(address)
                            ? "names another host than " + host
                            : "names another host than " + host + ", which does not even resolve back to " + address));
        });
    }

    private static DnsRecord ptr(String name, String host) {
        return new DnsRecord("PTR", name, host,
                "Reverse DNS of the server's address: receivers check that it names the server, and the name the address");
    }

    /** The A and AAAA records of {@code name}, as normalised address literals. */
    private CompletionStage<Found> addresses(String name) {
        return zone.lookup("A", name).thenCombine(zone.lookup("AAAA", name), (v4, v6) -> {
            List<String> values = new ArrayList<>();
            for (ZoneAnswer answer : List.of(v4, v6)) {
                if (answer instanceof ZoneAnswer.Failed failed) {
                    return new Found(List.of(), failed.reason());
                }
                if (answer instanceof ZoneAnswer.Records found) {
                    found.values().forEach(value -> values.add(literal(value)));
                }
            }
            return new Found(values, null);
        });
    }

    private record Found(List<String> values, String failure) {
    }

    /** Whether {@code value} is a record of the kind expected: for TXT the same version tag, {@code v=spf1}. */
    private static boolean sameKind(DnsRecord expected, String value) {
        return !expected.type().equals("TXT") || tag(value).equalsIgnoreCase(tag(expected.value()));
    }

    private static boolean sameValue(DnsRecord expected, String value) {
        return switch (expected.type()) {
            // the preference does not matter while the MX is the only one, or ours is among them
            case "MX" -> target(value).equalsIgnoreCase(target(expected.value()));
            case "TXT" -> normal(value).equals(normal(expected.value()));
            default -> normal(value).equalsIgnoreCase(normal(expected.value()));
        };
    }

    private static String tag(String text) {
        String trimmed = text.strip();
        int end = 0;
        while (end < trimmed.length() && trimmed.charAt(end) != ';' && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end);
    }

    private static String target(String mx) {
        String[] parts = mx.strip().split("\\s+");
        return parts[parts.length - 1];
    }

    /** Spaces do not count around tags ({@code v=DMARC1;p=quarantine}), nor a final semicolon. */
    private static String normal(String value) {
        String spaced = value.strip().replaceAll("\\s+", " ").replaceAll(" ?; ?", ";");
        return spaced.endsWith(";") ? spaced.substring(0, spaced.length() - 1) : spaced;
    }

    /** {@code 192.0.2.1} → {@code 1.2.0.192.in-addr.arpa}; IPv6 by nibbles under ip6.arpa (RFC 3596 §2.5). */
    static String reverseName(String address) {
        byte[] bytes = address(address).getAddress();
        StringBuilder name = new StringBuilder();
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes.length == 4) {
                name.append(bytes[i] & 0xff).append('.');
            } else {
                name.append(Integer.toHexString(bytes[i] & 0x0f)).append('.')
                        .append(Integer.toHexString((bytes[i] >> 4) & 0x0f)).append('.');
            }
        }
        return name.append(bytes.length == 4 ? "in-addr.arpa" : "ip6.arpa").toString();
    }

    private static String literal(String value) {
        InetAddress address = address(value);
        return address instanceof Inet4Address ? address.getHostAddress()
                : address.getHostAddress().toLowerCase(Locale.ROOT);
    }

    /** An address literal, parsed without a lookup. */
    private static InetAddress address(String literal) {
        if (!literal.strip().matches("[0-9.]+|[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + literal, e);
        }
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
