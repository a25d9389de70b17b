package org.postroom.smtp.outbound;

import java.util.Map;

import org.postroom.smtp.reply.Diagnosis;

/** What one SMTP transaction with one server came to. */
sealed interface TransactionResult {

    /** The server decided about every recipient (accepted, or refused with a reply). */
    record Answered(Map<String, DeliveryOutcome> outcomes) implements TransactionResult {
        public Answered {
            outcomes = Map.copyOf(outcomes);
        }
    }

    /**
     * Nothing was decided for any recipient (no connection, refused greeting, 4xx to MAIL FROM,
     * connection lost): the next server may be tried. {@code tlsFailed} when the TLS handshake
     * failed, so that the next attempt at this server can go without it.
     */
    record HostFailed(Diagnosis diagnosis, boolean tlsFailed) implements TransactionResult {
    }
}
