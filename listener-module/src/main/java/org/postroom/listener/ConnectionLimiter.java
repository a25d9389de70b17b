package org.postroom.listener;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Admits a new connection only while the listener and the client's address are below their
 * limits. Unlike James's handlers, which count in two places without a common lock and close the
 * extra connection silently (which one is closed is racy), admission here is one atomic decision,
 * and the caller answers a refusal with the protocol's reply line.
 *
 * <p>IPv6 clients are counted per /64: one subscriber line usually owns a whole /64, so counting
 * single addresses would let one client multiply its share.
 */
final class ConnectionLimiter {

    enum Admission { ADMITTED, TOO_MANY_CONNECTIONS, TOO_MANY_FROM_ADDRESS }

    private static final int IPV6_PREFIX_BYTES = 8;

    private final int maxConnections;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int open;

    ConnectionLimiter(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts the connection if admitted; an admitted connection must be {@link #release}d once. */
    synchronized Admission admit(InetAddress client) {
        if (open >= maxConnections) {
            return Admission.TOO_MANY_CONNECTIONS;
        }
        InetAddress key = key(client);
        int fromAddress = perAddress.getOrDefault(key, 0);
        if (fromAddress >= maxPerAddress) {
            return Admission.TOO_MANY_FROM_ADDRESS;
        }
        perAddress.put(key, fromAddress + 1);
        open++;
        return Admission.ADMITTED;
    }

    synchronized void release(InetAddress client) {
        perAddress.computeIfPresent(key(client), (address, count) -> count == 1 ? null : count - 1);
        open--;
    }

    private static InetAddress key(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return client;
        }
        byte[] prefix = Arrays.copyOf(Arrays.copyOf(client.getAddress(), IPV6_PREFIX_BYTES), 16);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
