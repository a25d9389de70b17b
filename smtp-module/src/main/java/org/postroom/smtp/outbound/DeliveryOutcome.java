package org.postroom.smtp.outbound;

import org.postroom.smtp.reply.Diagnosis;

/**
 * What one attempt came to for one recipient. {@code nextHop} is the {@code host:port} that
 * answered or was tried last, empty when none was reached (a DNS failure).
 */
public sealed interface DeliveryOutcome {

    String nextHop();

    /** The next hop accepted the recipient and the data: the entry leaves the queue. */
    record Delivered(String nextHop, String reply) implements DeliveryOutcome {
    }

    /** A temporary failure (4xx, timeout, connection or DNS trouble): try again later. */
    record Deferred(String nextHop, Diagnosis diagnosis) implements DeliveryOutcome {
    }

    /** A permanent failure (5xx, null MX, no such domain, or the entry expired): bounce. */
    record Failed(String nextHop, Diagnosis diagnosis) implements DeliveryOutcome {
    }

    /** Deferred or failed, as the diagnosis's status class says. */
    static DeliveryOutcome notDelivered(String nextHop, Diagnosis diagnosis) {
        return diagnosis.isPermanent() ? new Failed(nextHop, diagnosis) : new Deferred(nextHop, diagnosis);
    }
}
