package org.postroom.smtp.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Servers whose TLS handshake failed lately. Opportunistic TLS must not fall back to plain text
 * in the same connection (a man in the middle could force that at will), but a server with broken
 * TLS must still get its mail: its next attempt, on a new connection, goes without STARTTLS.
 * Kept per process and forgotten after a while, so a repaired server gets TLS again. Only for
 * opportunistic hops: one that logs in, or whose certificate is verified, never goes without TLS.
 */
final class TlsFallbacks {

    private static final Duration REMEMBERED = Duration.ofHours(6);
    private static final int MAX_SERVERS = 10_000;

    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();

    void handshakeFailed(String server, Instant now) {
        if (failedAt.size() >= MAX_SERVERS) {
            failedAt.clear();
        }
        failedAt.put(server, now);
    }

    boolean plainTextOnly(String server, Instant now) {
        Instant failed = failedAt.get(server);
        return failed != null && failed.plus(REMEMBERED).isAfter(now);
    }
}
