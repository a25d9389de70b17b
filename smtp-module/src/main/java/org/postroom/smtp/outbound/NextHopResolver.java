package org.postroom.smtp.outbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.storage.directory.DomainName;

/**
 * Decides where mail for a domain goes, first rule that applies: the domain's route (an
 * operator's transport map entry), the relay host, or DNS (MX, implicit MX, null MX), the latter
 * under the domain's MTA-STS policy when that is on. Routes and the relay host are the operator's
 * choice, to which no recipient's policy applies (RFC 8461 §5 is about MX hosts).
 */
public final class NextHopResolver {

    private final Map<String, HostAndPort> routes = new HashMap<>();
    private final RelayHost relay;
    private final DnsLookup dns;
    private final MtaStsHops mtaSts;

    /**
     * {@code relay} is null when mail goes straight to the recipients' MX hosts; {@code mtaSts}
     * null when MTA-STS policies are not looked at.
     */
    public NextHopResolver(Map<String, HostAndPort> routes, RelayHost relay, DnsLookup dns, MtaStsHops mtaSts) {
        routes.forEach((domain, hop) -> this.routes.put(DomainName.canonical(domain), hop));
        this.relay = relay;
        this.dns = dns;
        this.mtaSts = mtaSts;
    }

    /** Without MTA-STS. */
    public NextHopResolver(Map<String, HostAndPort> routes, RelayHost relay, DnsLookup dns) {
        this(routes, relay, dns, null);
    }

    public NextHops resolve(String domain) {
        HostAndPort route = routes.get(DomainName.canonical(domain));
        if (route != null) {
            return new Hosts(List.of(NextHop.route(route)));
        }
        if (relay != null) {
            return new Hosts(List.of(NextHop.relay(relay)));
        }
        NextHops found = dns.mailHosts(domain);
        return mtaSts != null && found instanceof Hosts hosts ? mtaSts.apply(domain, hosts) : found;
    }

    public DnsLookup dns() {
        return dns;
    }
}
