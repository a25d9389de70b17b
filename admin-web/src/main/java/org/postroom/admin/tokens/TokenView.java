package org.postroom.admin.tokens;

import java.time.Instant;

import org.postroom.storage.tokens.ApiToken;

/** A token as its owner sees it: never its value. */
public record TokenView(long id, String name, String prefix, String access, String domain, Instant createdAt,
        Instant expiresAt, Instant revokedAt, Instant lastUsedAt, String lastUsedFrom) {

    static TokenView of(ApiToken token) {
        return new TokenView(token.id(), token.name(), token.prefix(), token.write() ? "write" : "read", token.domain(),
                token.createdAt(), token.expiresAt(), token.revokedAt(), token.lastUsedAt(), token.lastUsedFrom());
    }
}
