package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_ADDR1_NULL_MX10;
import static org.postroom.smtp.reply.Codes.SE_ADDR1_UNKNOWN_DEST_SYSTEM2;
import static org.postroom.smtp.reply.Codes.SE_NET4_DIRECTORY_FAILURE3;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.postroom.smtp.SmtpStandard;
import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsAnswer.Failed;
import org.postroom.smtp.dns.DnsAnswer.Found;
import org.postroom.smtp.dns.DnsAnswer.None;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.smtp.outbound.NextHops.NoMail;
import org.postroom.smtp.outbound.NextHops.Unresolved;
import org.postroom.smtp.reply.Diagnosis;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * MX and address lookups for outbound delivery, through the server's one {@link DnsResolver} and
 * its cache.
 */
public final class DnsLookup {

    private final DnsResolver dns;
    private final int mxPort;

    /**
     * {@code mxPort} is where mail hosts found in DNS are reached: {@link SmtpStandard#MX_PORT},
     * except for tests on loopback.
     */
    public DnsLookup(DnsResolver dns, int mxPort) {
        this.dns = dns;
        this.mxPort = mxPort;
    }

    /**
     * The mail hosts of {@code domain} (RFC 5321 §5.1): its MX hosts by preference, those of equal
     * preference in random order to spread the load; with no MX, the domain itself (the implicit
     * MX) if it has an address. A null MX (RFC 7505), no such domain, or neither MX nor address
     * means the domain takes no mail.
     */
    public NextHops mailHosts(String domain) {
        DnsAnswer mx = dns.lookup(domain, Type.MX);
        if (mx instanceof Found found) {
            return byPreference(domain, found.records());
        }
        if (mx instanceof None none && none.noSuchDomain()) {
            return new NoMail(Diagnosis.permanent(SE_ADDR1_UNKNOWN_DEST_SYSTEM2, "no such domain: " + domain));
        }
        if (mx instanceof Failed failed) {
            return new Unresolved(Diagnosis.temporary(SE_NET4_DIRECTORY_FAILURE3, failed.reason()));
        }
        return implicitMx(domain);
    }

    /** The IPv4 then IPv6 addresses of {@code host}, or the address itself when it is one; empty when none. */
    public List<InetAddress> addresses(String host) {
        if (isAddressLiteral(host)) {
            try {
                return List.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return List.of();
            }
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int type : new int[] { Type.A, Type.AAAA }) {
            if (dns.lookup(host, type) instanceof Found found) {
                addresses.addAll(found.addresses());
            }
        }
        return addresses;
    }

    private NextHops byPreference(String domain, List<Record> answers) {
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
        DnsAnswer a = dns.lookup(domain, Type.A);
        DnsAnswer aaaa = dns.lookup(domain, Type.AAAA);
        if (a instanceof Found || aaaa instanceof Found) {
            return new Hosts(List.of(NextHop.mx(domain, mxPort)));
        }
        if (a instanceof Failed || aaaa instanceof Failed) {
            Failed failed = (Failed) (a instanceof Failed ? a : aaaa);
            return new Unresolved(Diagnosis.temporary(SE_NET4_DIRECTORY_FAILURE3, failed.reason()));
        }
        return new NoMail(Diagnosis.permanent(SE_ADDR1_UNKNOWN_DEST_SYSTEM2,
                "domain " + domain + " has neither MX nor address records"));
    }

    private static boolean isAddressLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
