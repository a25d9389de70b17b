package org.postroom.storage.tokens;

import java.time.Instant;

/**
 * An API token as its owner sees it (never its value): {@code prefix} is its first letters, which
 * tell it apart; {@code domain} is the one domain it is narrowed to (null: all its owner's);
 * {@code write} false makes it read-only; {@code revokedAt}, {@code lastUsedAt} and
 * {@code lastUsedFrom} are null until it was revoked or used.
 */
public record ApiToken(long id, String owner, String name, String prefix, String domain, boolean write,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, String lastUsedFrom) {

    /** True when the token opens the API at {@code now}: neither revoked nor expired. */
    public boolean validAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
