package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_ADDR1_NULL_MX10;
import static org.postroom.smtp.reply.Codes.SE_ADDR1_UNKNOWN_DEST_SYSTEM2;
import static org.postroom.smtp.reply.Codes.SE_NET4_DIRECTORY_FAILURE3;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.postroom.smtp.SmtpStandard;
import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.smtp.outbound.NextHops.NoMail;
import org.postroom.smtp.outbound.NextHops.Unresolved;
import org.postroom.smtp.reply.Diagnosis;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * MX and address lookups with dnsjava, always through the resolver given here (never a default
 * one picked up elsewhere), with a cache that honours the records' TTLs.
 */
public final class DnsLookup {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Resolver resolver;
    private final int mxPort;
    private final Cache cache = new Cache(DClass.IN);

    /** {@code mxPort} is where mail hosts found in DNS are reached: {@link SmtpStandard#MX_PORT}, except for tests on loopback. */
    public DnsLookup(Resolver resolver, int mxPort) {
        this.resolver = resolver;
        this.mxPort = mxPort;
    }

    /** Lookups through {@code servers}, or through the system's resolvers when the list is empty. */
    public static DnsLookup using(List<InetSocketAddress> servers) {
        ExtendedResolver resolver = servers.isEmpty() ? new ExtendedResolver()
                : new ExtendedResolver(servers.stream().map(s -> (Resolver) new SimpleResolver(s)).toList());
        resolver.setTimeout(TIMEOUT);
        return new DnsLookup(resolver, SmtpStandard.MX_PORT);
    }

    /**
     * The mail hosts of {@code domain} (RFC 5321 §5.1): its MX hosts by preference, those of equal
     * preference in random order to spread the load; with no MX, the domain itself (the implicit
     * MX) if it has an address. A null MX (RFC 7505), no such domain, or neither MX nor address
     * means the domain takes no mail.
     */
    public NextHops mailHosts(String domain) {
        Lookup mx = lookup(domain, Type.MX);
        return switch (mx.getResult()) {
            case Lookup.SUCCESSFUL -> byPreference(domain, mx.getAnswers());
            case Lookup.TYPE_NOT_FOUND -> implicitMx(domain);
            case Lookup.HOST_NOT_FOUND -> new NoMail(Diagnosis.permanent(SE_ADDR1_UNKNOWN_DEST_SYSTEM2,
                    "no such domain: " + domain));
            default -> new Unresolved(Diagnosis.temporary(SE_NET4_DIRECTORY_FAILURE3,
                    "DNS lookup of MX for " + domain + " failed: " + mx.getErrorString()));
        };
    }

    /** The IPv4 then IPv6 addresses of {@code host}, or the address itself when it is one; empty when none. */
    public List<InetAddress> addresses(String host) {
        if (isAddressLiteral(host)) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (java.net.UnknownHostException e) {
                return List.of();
            }
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int type : new int[] { Type.A, Type.AAAA }) {
            Lookup lookup = lookup(host, type);
            if (lookup.getResult() == Lookup.SUCCESSFUL) {
                for (Record record : lookup.getAnswers()) {
                    if (record instanceof ARecord a) {
                        addresses.add(a.getAddress());
                    } else if (record instanceof AAAARecord aaaa) {
                        addresses.add(aaaa.getAddress());
                    }
                }
            }
        }
        return addresses;
    }

    private NextHops byPreference(String domain, Record[] answers) {
        Map<Integer, List<NextHop>> byPreference = new TreeMap<>();
        for (Record record : answers) {
            if (record instanceof MXRecord mx) {
                if (mx.getTarget().equals(Name.root)) {
                    return new NoMail(Diagnosis.permanent(SE_ADDR1_NULL_MX10, "domain " + domain
                            + " accepts no mail (null MX, RFC 7505)"));
                }
                byPreference.computeIfAbsent(mx.getPriority(), p -> new ArrayList<>())
                        .add(NextHop.mx(mx.getTarget().toString(true), mxPort));
            }
        }
        List<NextHop> hosts = new ArrayList<>();
        for (List<NextHop> equal : byPreference.values()) {
            Collections.shuffle(equal, ThreadLocalRandom.current());
            hosts.addAll(equal);
        }
        return new Hosts(hosts);
    }

    private NextHops implicitMx(String domain) {
        Lookup a = lookup(domain, Type.A);
        Lookup aaaa = lookup(domain, Type.AAAA);
        if (a.getResult() == Lookup.SUCCESSFUL || aaaa.getResult() == Lookup.SUCCESSFUL) {
            return new Hosts(List.of(NextHop.mx(domain, mxPort)));
        }
        if (a.getResult() == Lookup.TRY_AGAIN || aaaa.getResult() == Lookup.TRY_AGAIN) {
            return new Unresolved(Diagnosis.temporary(SE_NET4_DIRECTORY_FAILURE3, "DNS lookup of the address of "
                    + domain + " failed: " + (a.getResult() == Lookup.TRY_AGAIN ? a : aaaa).getErrorString()));
        }
        return new NoMail(Diagnosis.permanent(SE_ADDR1_UNKNOWN_DEST_SYSTEM2,
                "domain " + domain + " has neither MX nor address records"));
    }

    private Lookup lookup(String name, int type) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name, Name.root), type);
            // set before run(): otherwise Lookup would ask the resolver from /etc/resolv.conf
            lookup.setResolver(resolver);
            lookup.setCache(cache);
            lookup.setSearchPath((Name[]) null);
            lookup.run();
            return lookup;
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + name, e);
        }
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
