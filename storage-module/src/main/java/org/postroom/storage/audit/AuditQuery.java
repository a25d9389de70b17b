package org.postroom.storage.audit;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Which audit entries to show: each field null matches everything. {@code within} is the domains a
 * domain administrator may see (null: every entry, for a server administrator); entries about no
 * domain are then left out too. {@code action} matches an action or, ending in a dot, every action
 * it begins (e.g. {@code user.}). {@code from} is inclusive, {@code until} exclusive.
 */
public record AuditQuery(String actor, String action, String domain, Instant from, Instant until,
        Collection<String> within) {

    public AuditQuery {
        within = within == null ? null : Set.copyOf(within);
    }

    /** Every entry. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
