package org.postroom.smtp.outbound;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Servers whose TLS handshake failed lately. Opportunistic TLS must not fall back to plain text
 * in the same connection (a man in the middle could force that at will), but a server with broken
 * TLS must still get its mail: its next attempt, on a new connection, goes without STARTTLS.
 * Kept per process and forgotten after {@link #REMEMBERED}, so a repaired server gets TLS again.
 * Only for opportunistic hops: one that logs in, or whose certificate is verified, never goes
 * without TLS. At most {@link #MAX_SERVERS} are kept; when full, the least useful make room
 * (Caffeine), so a burst of broken servers never makes the others forget theirs.
 */
final class TlsFallbacks {

    static final Duration REMEMBERED = Duration.ofHours(6);
    static final int MAX_SERVERS = 10_000;

    private final Cache<String, Boolean> failed;

    TlsFallbacks() {
        this(MAX_SERVERS, Ticker.systemTicker());
    }

    /** Remembers at most {@code capacity} servers, each for {@link #REMEMBERED} by {@code ticker}. */
    TlsFallbacks(int capacity, Ticker ticker) {
        this.failed = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(REMEMBERED).ticker(ticker).build();
    }

    void handshakeFailed(String server) {
        failed.put(server, Boolean.TRUE);
    }

    boolean plainTextOnly(String server) {
        return failed.getIfPresent(server) != null;
    }

    /** How many servers are remembered now, once evictions and expiries due are done (for tests). */
    long remembered() {
        failed.cleanUp();
        return failed.estimatedSize();
    }
}
