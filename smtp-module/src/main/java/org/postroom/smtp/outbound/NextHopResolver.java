package org.postroom.smtp.outbound;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postroom.smtp.outbound.NextHops.Hosts;
import org.postroom.storage.directory.DomainName;

/**
 * Decides where mail for a domain goes, first rule that applies: the domain's route (an
 * operator's transport map entry), the relay host, or DNS (MX, implicit MX, null MX).
 */
public final class NextHopResolver {

    private final Map<String, HostAndPort> routes = new HashMap<>();
    private final RelayHost relay;
    private final DnsLookup dns;

    /** {@code relay} is null when mail goes straight to the recipients' MX hosts. */
    public NextHopResolver(Map<String, HostAndPort> routes, RelayHost relay, DnsLookup dns) {
        routes.forEach((domain, hop) -> this.routes.put(DomainName.canonical(domain), hop));
        this.relay = relay;
        this.dns = dns;
    }

    public NextHops resolve(String domain) {
        HostAndPort route = routes.get(DomainName.canonical(domain));
        if (route != null) {
            return new Hosts(List.of(NextHop.route(route)));
        }
        if (relay != null) {
            return new Hosts(List.of(NextHop.relay(relay)));
        }
        return dns.mailHosts(domain);
    }

    public DnsLookup dns() {
        return dns;
    }
}
