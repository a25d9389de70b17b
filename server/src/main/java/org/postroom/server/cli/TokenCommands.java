package org.postroom.server.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.postroom.storage.tokens.ApiToken;
import org.postroom.storage.tokens.ApiTokens;
import org.postroom.storage.tokens.NewApiToken;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * An administrator's API tokens, for the operator (a lost console, a first script): created with
 * the administrator's rights at most, the value printed once; listed without values; revoked.
 */
@Command(name = "token", description = "administrators' API tokens for scripts (Authorization: Bearer on /api)")
final class TokenCommands extends Noun {

    private final Clock clock = Clock.systemUTC();

    @Command(name = "create", description = "create a token for an administrator; prints it once, on the first line")
    void create(@Parameters(paramLabel = "<username>", description = "the administrator who owns it") String owner,
            @Parameters(paramLabel = "<name>", description = "what it is for, e.g. backup") String name,
            @Option(names = "--write", description = "may change things (default: read only)") boolean write,
            @Option(names = "--domain", paramLabel = "<name>", description = "only this one of the owner's domains")
            String domain,
            @Option(names = "--days", paramLabel = "<n>", defaultValue = "90", description = "valid for n days (default 90)")
            int days) {
        if (days < 1 || days > 3650) {
            throw new UsageException("token create --days takes 1 to 3650");
        }
        Instant now = clock.instant();
        NewApiToken created = service(ApiTokens.class).create(owner, name, blankToNull(domain), write,
                now.plus(Duration.ofDays(days)), now);
        println(created.value());
        println("token " + created.token().id() + " of " + owner + " created: " + describe(created.token())
                + "; shown only now");
    }

    @Command(name = "list", description = "list an administrator's tokens (never their values)")
    void list(@Parameters(paramLabel = "<username>", description = "the administrator") String owner) {
        for (ApiToken token : service(ApiTokens.class).list(owner)) {
            printf("%-6d %-24s %s %s%n", token.id(), token.name(), token.prefix(), describe(token));
        }
    }

    @Command(name = "revoke", description = "revoke a token: it opens nothing from the next request on")
    void revoke(@Parameters(paramLabel = "<username>", description = "the administrator who owns it") String owner,
            @Parameters(paramLabel = "<id>", description = "the token, as token list shows it") long id) {
        service(ApiTokens.class).revoke(owner, id, clock.instant());
        println("token " + id + " of " + owner + " revoked");
    }

    private static String describe(ApiToken token) {
        return (token.write() ? "write" : "read") + (token.domain() == null ? "" : " " + token.domain())
                + (token.revokedAt() != null ? " revoked" : " until " + token.expiresAt())
                + (token.lastUsedAt() == null ? "" : " last used " + token.lastUsedAt() + " from " + token.lastUsedFrom());
    }
}
