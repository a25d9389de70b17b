package org.postroom.smtp.inbound.senders;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.postroom.smtp.dns.DnsAnswer;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.NetworkRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Type;

/**
 * The servers that forward mail to us on other people's behalf (a mailing list, the company's own
 * gateway, a forwarding service), whose mail breaks SPF and often DKIM on the way although nothing
 * is forged: a DMARC failure from them is delivered with its verdict in Authentication-Results
 * rather than refused or held. Each entry is a network (an IP address or CIDR block) or a host
 * name; a host name stands for its A and AAAA addresses, looked up when asked (the resolver's
 * cache keeps them for their TTL), so that a forwarder that moves stays trusted. A host name whose
 * lookup fails trusts no one for that call. The client's own name (its PTR) is never asked: anyone
 * can publish any name for their own address.
 */
public final class TrustedForwarders {

    private static final Logger log = LoggerFactory.getLogger(TrustedForwarders.class);

    private final List<NetworkRange> networks;
    private final List<String> hosts;
    private final DnsResolver resolver;

    private TrustedForwarders(List<NetworkRange> networks, List<String> hosts, DnsResolver resolver) {
        this.networks = List.copyOf(networks);
        this.hosts = List.copyOf(hosts);
        this.resolver = resolver;
    }

    /**
     * The forwarders {@code entries} name, host names looked up through {@code resolver}.
     *
     * @throws IllegalArgumentException naming the entry that is neither a network nor a host name
     */
    public static TrustedForwarders of(List<String> entries, DnsResolver resolver) {
        List<NetworkRange> networks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.strip().toLowerCase(Locale.ROOT);
            if (text.contains(":") || text.matches("[0-9.]+(/\\d+)?")) {
                networks.add(NetworkRange.parse(text));
            } else if (text.matches("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]([a-z0-9-]*[a-z0-9])?\\.?")) {
                hosts.add(text);
            } else {
                throw new IllegalArgumentException("neither a network nor a host name: " + entry);
            }
        }
        return new TrustedForwarders(networks, hosts, resolver);
    }

    /** True when no forwarder is configured. */
    public boolean isEmpty() {
        return networks.isEmpty() && hosts.isEmpty();
    }

    /** True when {@code client} is one of the forwarders: in one of the networks, or an address of one of the hosts. */
    public boolean contains(InetAddress client) {
        return networks.stream().anyMatch(network -> network.contains(client))
                || hosts.stream().anyMatch(host -> addresses(host).contains(client));
    }

    private List<InetAddress> addresses(String host) {
        List<InetAddress> addresses = new ArrayList<>();
        for (int type : new int[] { Type.A, Type.AAAA }) {
            DnsAnswer answer = resolver.lookup(host, type);
            if (answer instanceof DnsAnswer.Found found) {
                addresses.addAll(found.addresses());
            } else if (answer instanceof DnsAnswer.Failed failed) {
                log.warn("trusted forwarder {} not looked up, not trusted for now: {}", Printable.of(host),
                        Printable.text(failed.reason()));
            }
        }
        return addresses;
    }
}
