package org.postroom.storage.tokens;

import java.net.InetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.DomainName;
import org.springframework.dao.DuplicateKeyException;

/**
 * The administrators' API tokens (table {@code api_token}, V24). A token belongs to one
 * administrator: it opens the API with their rights at most (read-only when it may not write, one
 * domain's data when narrowed to it; the web side narrows the owner's scope, it never widens it).
 * Revoking one, or deleting its owner or its domain, counts from the next request. Its value is
 * shown once by {@link #create} and kept only as a digest.
 */
public final class ApiTokens {

    /** More than one administrator has scripts; bounds what one can store. */
    public static final int MAX_PER_ADMINISTRATOR = 50;
    public static final int MAX_NAME_LENGTH = 64;

    private static final String SELECT = """
            select t.id, a.username, t.name, t.prefix, d.name as domain, t.may_write, t.created_at, t.expires_at,
                   t.revoked_at, t.last_used_at, t.last_used_from
              from api_token t join admin_account a on a.id = t.admin_id left join domain d on d.id = t.domain_id
            """;

    private final Database db;

    public ApiTokens(Database db) {
        this.db = db;
    }

    /**
     * Makes a token named {@code name} for the administrator {@code owner}, narrowed to
     * {@code domain} when it is not null, read-only unless {@code write}, valid until
     * {@code expiresAt} (committed before it returns).
     *
     * @throws NotFoundException when there is no such administrator, or no such domain among those
     *         they manage
     * @throws InvalidInputException for a bad name or an expiry not in the future
     * @throws ConflictException when they have a token of that name, or {@link #MAX_PER_ADMINISTRATOR}
     */
    public NewApiToken create(String owner, String name, String domain, boolean write, Instant expiresAt, Instant now) {
        String label = requireValidName(name);
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            throw new InvalidInputException("a token's expiry must be in the future");
        }
        String value = TokenValue.generate();
        String prefix = TokenValue.prefix(value).orElseThrow();
        String domainName = domain == null || domain.isBlank() ? null : DomainName.canonical(domain);
        try {
            return db.inTransaction("create API token for " + owner, jdbc -> {
                Long adminId = jdbc.sql("select id from admin_account where username = ? for update")
                        .param(owner).query(Long.class).optional()
                        .orElseThrow(() -> new NotFoundException("no administrator " + owner));
                Long domainId = null;
                if (domainName != null) {
                    // a domain administrator's token only for one of their domains: the same answer as an unknown one
                    domainId = jdbc.sql("""
                            select d.id from domain d join admin_account a on a.id = ?
                             where d.name = ? and (a.server_admin
                                   or exists (select 1 from admin_domain ad where ad.admin_id = a.id and ad.domain_id = d.id))
                            """).params(adminId, domainName).query(Long.class).optional()
                            .orElseThrow(() -> new NotFoundException("no domain " + domainName));
                }
                long count = jdbc.sql("select count(*) from api_token where admin_id = ?").param(adminId)
                        .query(Long.class).single();
                if (count >= MAX_PER_ADMINISTRATOR) {
                    throw new ConflictException("at most " + MAX_PER_ADMINISTRATOR + " API tokens; delete one first");
                }
                long id = jdbc.sql("""
                        insert into api_token (admin_id, name, prefix, token_digest, domain_id, may_write, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id
                        """).params(adminId, label, prefix, TokenValue.digest(value), domainId, write,
                        Timestamp.from(expiresAt)).query(Long.class).single();
                ApiToken token = jdbc.sql(SELECT + " where t.id = ?").param(id).query(ApiTokens::token).single();
                return new NewApiToken(token, value);
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("you have an API token named " + label + " already");
        }
    }

    /** The administrator's tokens, revoked and expired ones too, the newest first; empty for an unknown one. */
    public List<ApiToken> list(String owner) {
        return db.run("list API tokens of " + owner, jdbc -> jdbc.sql(SELECT + " where a.username = ? order by t.id desc")
                .param(owner).query(ApiTokens::token).list());
    }

    /**
     * Revokes the administrator's token {@code id} at {@code now} (committed before it returns); it
     * stays in their list as revoked. Revoking a revoked token changes nothing.
     *
     * @throws NotFoundException when they have no token with that id (another's among them)
     */
    public ApiToken revoke(String owner, long id, Instant now) {
        return db.inTransaction("revoke API token of " + owner, jdbc -> {
            int found = jdbc.sql("""
                    update api_token t set revoked_at = coalesce(t.revoked_at, ?)
                      from admin_account a where a.id = t.admin_id and a.username = ? and t.id = ?
                    """).params(Timestamp.from(now), owner, id).update();
            if (found == 0) {
                throw new NotFoundException("no API token " + id);
            }
            return jdbc.sql(SELECT + " where t.id = ?").param(id).query(ApiTokens::token).single();
        });
    }

    /**
     * The token whose value is {@code value}, when it is valid at {@code now}; empty for anything
     * else (not a token's shape, unknown, revoked, expired). A valid one's use from {@code client}
     * is noted, at most once a minute per token and address.
     */
    public Optional<ApiToken> authenticate(String value, InetAddress client, Instant now) {
        Optional<String> prefix = TokenValue.prefix(value);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = TokenValue.digest(value);
        // comparing digests leaks nothing by its timing: nobody can choose a digest's letters
        Optional<ApiToken> token = db.run("look up API token", jdbc -> jdbc.sql(SELECT
                + " where t.prefix = ? and t.token_digest = ?").params(prefix.get(), digest).query(ApiTokens::token)
                .optional()).filter(found -> found.validAt(now));
        token.ifPresent(used -> recordUse(used.id(), client, now));
        return token;
    }

    private void recordUse(long id, InetAddress client, Instant now) {
        String from = client.getHostAddress();
        db.run("note use of API token", jdbc -> jdbc.sql("""
                update api_token set last_used_at = ?, last_used_from = ?
                 where id = ? and (last_used_at is null or last_used_at < ? or last_used_from is distinct from ?)
                """).params(Timestamp.from(now), from, id, Timestamp.from(now.minusSeconds(60)), from).update());
    }

    private static String requireValidName(String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME_LENGTH
                || label.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidInputException("a token's name is 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters, e.g. \"backup script\"");
        }
        return label;
    }

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("username"), rs.getString("name"), rs.getString("prefix"),
                rs.getString("domain"), rs.getBoolean("may_write"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")), rs.getString("last_used_from"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
