package org.postroom.storage.audit;

import java.time.Instant;

/** One row of the audit log, as written (see {@link AuditEvent}) with its id and time. */
public record AuditEntry(long id, Instant at, String actor, AuditChannel channel, String client, String action,
        String domain, String target, String detail) {
}
