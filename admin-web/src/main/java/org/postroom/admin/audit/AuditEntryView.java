package org.postroom.admin.audit;

import java.time.Instant;

import org.postroom.storage.audit.AuditEntry;

/** One audit entry as the API and the console show it. */
public record AuditEntryView(long id, Instant at, String actor, String channel, String client, String action,
        String domain, String target, String detail) {

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.id(), entry.at(), entry.actor(), entry.channel().key(), entry.client(),
                entry.action(), entry.domain(), entry.target(), entry.detail());
    }
}
