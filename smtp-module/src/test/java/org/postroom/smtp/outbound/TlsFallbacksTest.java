package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The memory of broken TLS servers is bounded and forgets, on Caffeine's ticker rather than the wall clock. */
class TlsFallbacksTest {

    private final AtomicLong nanos = new AtomicLong();

    @Test
    void aServerWhoseHandshakeFailedGoesWithoutTlsUntilItIsForgotten() {
        TlsFallbacks fallbacks = new TlsFallbacks(TlsFallbacks.MAX_SERVERS, nanos::get);
        assertThat(fallbacks.plainTextOnly("mx.broken.example")).isFalse();
        fallbacks.handshakeFailed("mx.broken.example");
        assertThat(fallbacks.plainTextOnly("mx.broken.example")).isTrue();
        assertThat(fallbacks.plainTextOnly("mx.fine.example")).isFalse();

        nanos.addAndGet(TlsFallbacks.REMEMBERED.minusSeconds(1).toNanos());
        assertThat(fallbacks.plainTextOnly("mx.broken.example")).isTrue();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(fallbacks.plainTextOnly("mx.broken.example")).as("repaired servers get TLS again").isFalse();
        assertThat(fallbacks.remembered()).isZero();
    }

    @Test
    void aFullMemoryMakesRoomInsteadOfForgettingEveryServer() {
        TlsFallbacks fallbacks = new TlsFallbacks(3, nanos::get);
        for (int i = 0; i < 3; i++) {
            fallbacks.handshakeFailed("mx" + i + ".broken.example");
        }
        assertThat(fallbacks.remembered()).isEqualTo(3);

        fallbacks.handshakeFailed("mx3.broken.example");
        // bounded, and not wiped down to one server as clear() did
        assertThat(fallbacks.remembered()).isEqualTo(3);
    }
}
