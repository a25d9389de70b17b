package org.postroom.listener;

import java.net.InetAddress;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which connections begin with a PROXY protocol header (HAProxy's specification, versions 1 and 2):
 * those from the load balancers the operator trusts. From them the header is required and names
 * the client, whose address then counts everywhere (logs, limits, login throttling, DNSBL, SPF,
 * the Received header); from anyone else a header is refused, since it would let a stranger choose
 * the address that all of those judge.
 */
public final class ProxyProtocol {

    private static final ProxyProtocol OFF = new ProxyProtocol(address -> false, false);

    private final Predicate<InetAddress> trustedProxy;
    private final boolean enabled;

    private ProxyProtocol(Predicate<InetAddress> trustedProxy, boolean enabled) {
        this.trustedProxy = trustedProxy;
        this.enabled = enabled;
    }

    /** No load balancer: every connection is its client's own. */
    public static ProxyProtocol off() {
        return OFF;
    }

    /** Connections from addresses that {@code trustedProxy} accepts must start with a PROXY header. */
    public static ProxyProtocol from(Predicate<InetAddress> trustedProxy) {
        return new ProxyProtocol(Objects.requireNonNull(trustedProxy, "trustedProxy"), true);
    }

    boolean enabled() {
        return enabled;
    }

    /** Whether a connection from {@code peer} must begin with a PROXY header. */
    boolean expectedFrom(InetAddress peer) {
        return enabled && trustedProxy.test(peer);
    }
}
