package org.postroom.admin.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.postroom.admin.access.DomainAccess;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.tokens.ApiToken;
import org.postroom.storage.tokens.ApiTokens;
import org.postroom.storage.tokens.NewApiToken;
import org.springframework.stereotype.Component;

/**
 * The signed-in administrator's own API tokens, for the console and the API alike. A token
 * narrowed to a domain may name only one the administrator manages ({@link DomainAccess}: another
 * is answered as an unknown one); a token is never more than its owner, because {@link
 * DomainAccess} narrows the owner's scope by it on every request.
 */
@Component
class OwnTokens {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3650;

    private final ApiTokens tokens;
    private final DomainAccess access;
    private final Clock clock = Clock.systemUTC();

    OwnTokens(ApiTokens tokens, DomainAccess access) {
        this.tokens = tokens;
        this.access = access;
    }

    List<ApiToken> list(String owner) {
        return tokens.list(owner);
    }

    /** @throws InvalidInputException for a bad access word or number of days */
    NewApiToken create(String owner, NewToken request) {
        boolean write = switch (request.access() == null ? "" : request.access()) {
            case "read" -> false;
            case "write" -> true;
            default -> throw new InvalidInputException("access is read or write");
        };
        int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("a token is valid for 1 to " + MAX_DAYS + " days");
        }
        String domain = request.domain() == null || request.domain().isBlank() ? null : request.domain().strip();
        if (domain != null) {
            access.requireDomain(domain);
        }
        Instant now = clock.instant();
        return tokens.create(owner, request.name(), domain, write, now.plus(Duration.ofDays(days)), now);
    }

    ApiToken revoke(String owner, long id) {
        return tokens.revoke(owner, id, clock.instant());
    }
}
