package org.postroom.server.config;

import java.util.List;

import org.postroom.storage.directory.NetworkRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HTTP port (console, API) behind a reverse proxy.
 *
 * @param trustedProxies CIDR blocks (or single addresses) of the reverse proxies whose {@code
 *        X-Forwarded-For} / {@code -Proto} / {@code -Host} / {@code -Port} headers are believed;
 *        empty (the default): nobody's are, the client is the connection's address
 */
@ConfigurationProperties("postroom.web")
public record WebProperties(@DefaultValue List<String> trustedProxies) {

    public WebProperties {
        trustedProxies = List.copyOf(trustedProxies);
        trustedProxyRanges(trustedProxies);
    }

    /** The trusted proxies, parsed. */
    public List<NetworkRange> trustedProxyRanges() {
        return trustedProxyRanges(trustedProxies);
    }

    private static List<NetworkRange> trustedProxyRanges(List<String> proxies) {
        return NetworkRanges.parse("postroom.web.trusted-proxies", proxies);
    }
}
