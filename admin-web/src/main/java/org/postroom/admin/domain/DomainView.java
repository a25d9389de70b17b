package org.postroom.admin.domain;

import java.net.IDN;
import java.time.Instant;

import org.postroom.storage.directory.Domain;

/**
 * A domain as the API returns it: its name in punycode and as people read it, its DKIM public
 * record, where postmaster@ and abuse@ go (null: not set), whether its users get the daily
 * quarantine digest, its MTA-STS mode (none, testing or enforce), and what it holds. Never the DKIM
 * private key.
 */
public record DomainView(String name, String displayName, String dkimSelector, String dkimRecord,
        String postmasterTarget, boolean quarantineDigest, String mtaSts, long users, long aliases, Instant createdAt) {

    public static DomainView of(Domain domain) {
        return new DomainView(domain.name(), IDN.toUnicode(domain.name(), IDN.ALLOW_UNASSIGNED), domain.dkimSelector(),
                domain.dkimRecord().value(), domain.postmasterTarget(), domain.quarantineDigest(), domain.mtaSts().token(), domain.userCount(),
                domain.aliasCount(), domain.createdAt());
    }
}
