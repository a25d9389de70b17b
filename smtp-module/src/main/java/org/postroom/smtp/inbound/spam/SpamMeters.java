package org.postroom.smtp.inbound.spam;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The spam check's counters: {@code postroom.antispam.rspamd.scans} (tags {@code listener}; {@code
 * result}: rspamd's action as one word, {@code no-action} … {@code reject}, or {@code too-large}
 * for a message over the scan limit, {@code failed-open} / {@code failed-closed} when rspamd could
 * not be asked), and {@code postroom.antispam.outbound.rejected} (tag {@code user}): submitted
 * messages rspamd rejected, per user, so that an alert finds the account that sends spam. Refusals
 * are counted besides, by reason, in {@code postroom.smtp.refusals}.
 */
final class SpamMeters {

    /** A result that is no action of rspamd's. */
    static final String TOO_LARGE = "too-large";
    static final String FAILED_OPEN = "failed-open";
    static final String FAILED_CLOSED = "failed-closed";

    private final MeterRegistry registry;

    SpamMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void scanned(String listener, String result) {
        Counter.builder("postroom.antispam.rspamd.scans")
                .description("messages handed to rspamd, or not, by listener and result")
                .tag("listener", listener).tag("result", result).register(registry).increment();
    }

    void outboundRejected(String user) {
        Counter.builder("postroom.antispam.outbound.rejected")
                .description("submitted messages rspamd rejected as spam, by authenticated user")
                .tag("user", user).register(registry).increment();
    }
}
