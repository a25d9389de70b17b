package org.postroom.server.config;

import java.util.List;

import org.postroom.listener.ProxyProtocol;
import org.postroom.storage.directory.NetworkRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail listeners behind a TCP load balancer (HAProxy's PROXY protocol, versions 1 and 2).
 *
 * @param trustedNetworks CIDR blocks (or single addresses) of the load balancers: a connection from
 *        one of them must begin with a PROXY header, and the client it names is the client
 *        everywhere (logs, Received header, connection limits, login throttling, DNSBL, SPF); a
 *        connection from elsewhere that sends one is closed. Empty (the default): no load balancer
 */
@ConfigurationProperties("postroom.proxy-protocol")
public record ProxyProtocolProperties(@DefaultValue List<String> trustedNetworks) {

    private static final String PROPERTY = "postroom.proxy-protocol.trusted-networks";

    public ProxyProtocolProperties {
        trustedNetworks = List.copyOf(trustedNetworks);
        NetworkRanges.parse(PROPERTY, trustedNetworks);
    }

    /** What every mail listener expects of its connections. */
    public ProxyProtocol proxyProtocol() {
        List<NetworkRange> proxies = NetworkRanges.parse(PROPERTY, trustedNetworks);
        return proxies.isEmpty() ? ProxyProtocol.off()
                : ProxyProtocol.from(address -> proxies.stream().anyMatch(proxy -> proxy.contains(address)));
    }
}
