package org.postroom.storage.directory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.message.MessageReaper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creates, finds, changes and removes mail users. Every user gets an INBOX when created; its UID
 * validity is random so that a user deleted and created again never shows a mail client UIDs it
 * has seen before.
 */
public final class UserRepository {

    private static final String SELECT = """
            select u.id, u.local_part || '@' || d.name as address, u.quota_bytes, u.enabled, u.quarantine_digest,
                   u.created_at, u.updated_at,
                   coalesce(sum(mb.message_count), 0) as messages, coalesce(sum(mb.total_bytes), 0) as used
              from mail_user u
              join domain d on d.id = u.domain_id
              left join mailbox mb on mb.user_id = u.id
            """;
    private static final String GROUP = " group by u.id, d.name ";
    private static final RowMapper<UserAccount> USER = (rs, n) -> new UserAccount(rs.getLong("id"),
            rs.getString("address"), (Long) rs.getObject("quota_bytes"), rs.getBoolean("enabled"),
            rs.getBoolean("quarantine_digest"), rs.getLong("messages"), rs.getLong("used"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant());

    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public UserRepository(Database db) {
        this.db = db;
    }

    /**
     * Adds a user with an INBOX, in one transaction.
     *
     * @param quotaBytes null for no limit
     * @throws InvalidInputException for a bad address, weak password or negative quota
     * @throws NotFoundException when the address's domain is not ours
     * @throws ConflictException when a user or alias with that address exists
     */
    public UserAccount create(String address, String password, Long quotaBytes) {
        Address user = Address.validated(address, false);
        requireValidQuota(quotaBytes);
        String hash = Passwords.hashNew(password);
        try {
            db.inTransaction("add user " + user, jdbc -> {
                long domainId = domainId(jdbc, user.domain());
                requireNoAlias(jdbc, domainId, user);
                long userId = jdbc.sql("""
                        insert into mail_user (domain_id, local_part, password_hash, quota_bytes)
                        values (?, ?, ?, ?) returning id
                        """).params(domainId, user.localPart(), hash, quotaBytes).query(Long.class).single();
                jdbc.sql("insert into mailbox (user_id, name, uid_validity) values (?, 'INBOX', ?)")
                        .params(userId, 1 + random.nextInt(Integer.MAX_VALUE)).update();
                return userId;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("user " + user + " exists already");
        }
        return find(user.toString()).orElseThrow();
    }

    /** The user with this exact address (no plus-addressing, no aliases); empty when none. */
    public Optional<UserAccount> find(String address) {
        Address user = Address.of(address);
        return db.run("find user", jdbc -> jdbc.sql(SELECT + " where d.name = ? and u.local_part = ?" + GROUP)
                .params(user.domain(), user.localPart()).query(USER).optional());
    }

    /**
     * A page of users ordered by address, optionally only of one domain and only those whose
     * address contains {@code query}. An empty page when nothing matches.
     */
    public Page<UserAccount> search(String domain, String query, int page, int pageSize) {
        return search(domain, null, query, page, pageSize);
    }

    /**
     * As {@link #search(String, String, int, int)}, and when {@code within} is not null only users
     * of those domains (a domain administrator's; any spelling).
     */
    public Page<UserAccount> search(String domain, Collection<String> within, String query, int page, int pageSize) {
        String where = " where (cast(:domain as text) is null or d.name = :domain)"
                + " and (cast(:within as text[]) is null or d.name = any(:within))"
                + " and (cast(:query as text) is null or strpos(u.local_part || '@' || d.name, :query) > 0)";
        String domainFilter = domain == null || domain.isBlank() ? null : DomainName.canonical(domain);
        String[] withinFilter = within == null ? null : within.stream().map(DomainName::canonical).toArray(String[]::new);
        String queryFilter = query == null || query.isBlank() ? null : query.strip().toLowerCase();
        return db.run("search users", jdbc -> {
            long total = jdbc.sql("select count(*) from mail_user u join domain d on d.id = u.domain_id" + where)
                    .param("domain", domainFilter).param("within", withinFilter).param("query", queryFilter)
                    .query(Long.class).single();
            List<UserAccount> items = jdbc.sql(SELECT + where + GROUP + " order by d.name, u.local_part limit :limit offset :offset")
                    .param("domain", domainFilter).param("within", withinFilter).param("query", queryFilter)
                    .param("limit", pageSize).param("offset", (long) page * pageSize)
                    .query(USER).list();
            return new Page<>(items, page, pageSize, total);
        });
    }

    /** Sets a new password, after checking its strength. */
    public void changePassword(String address, String newPassword) {
        update(address, UserUpdate.password(newPassword));
    }

    /** Sets the quota in bytes; null removes the limit. */
    public void setQuota(String address, Long quotaBytes) {
        update(address, UserUpdate.quota(quotaBytes));
    }

    /** A disabled user cannot log in and receives no mail; their stored mail stays. */
    public void setEnabled(String address, boolean enabled) {
        update(address, UserUpdate.enabled(enabled));
    }

    /** Whether the user gets the daily quarantine digest (when their domain sends it too). */
    public void setQuarantineDigest(String address, boolean on) {
        update(address, UserUpdate.quarantineDigest(on));
    }

    /**
     * Makes every change of {@code update} in one statement, so in one transaction: all of them
     * commit, or (when any fails) none. The new password's strength and the quota are checked
     * before anything is written; nothing given changes nothing.
     *
     * @throws InvalidInputException for a weak password or a negative quota
     * @throws NotFoundException when there is no such user
     */
    public void update(String address, UserUpdate update) {
        List<String> assignments = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (update.password() != null) {
            assignments.add("password_hash = ?");
            values.add(Passwords.hashNew(update.password()));
        }
        if (update.quota() != null) {
            requireValidQuota(update.quota().bytes());
            assignments.add("quota_bytes = ?");
            values.add(update.quota().bytes());
        }
        if (update.enabled() != null) {
            assignments.add("enabled = ?");
            values.add(update.enabled());
        }
        if (update.quarantineDigest() != null) {
            assignments.add("quarantine_digest = ?");
            values.add(update.quarantineDigest());
        }
        if (assignments.isEmpty()) {
            return;
        }
        Address user = Address.of(address);
        values.add(user.domain());
        values.add(user.localPart());
        int updated = db.run("update user " + user, jdbc -> jdbc.sql("update mail_user u set "
                + String.join(", ", assignments)
                + ", updated_at = now() from domain d where d.id = u.domain_id and d.name = ? and u.local_part = ?")
                .params(values).update());
        if (updated == 0) {
            throw new NotFoundException("no user " + address);
        }
    }

    /**
     * Removes a user with their mailboxes and every message no one else holds, in one transaction.
     *
     * @throws NotFoundException when there is no such user
     */
    public void delete(String address) {
        Address user = Address.of(address);
        db.inTransaction("delete user " + user, jdbc -> {
            Long userId = jdbc.sql("""
                    select u.id from mail_user u join domain d on d.id = u.domain_id
                     where d.name = ? and u.local_part = ?
                    """).params(user.domain(), user.localPart()).query(Long.class).optional()
                    .orElseThrow(() -> new NotFoundException("no user " + address));
            List<Long> messages = jdbc.sql("""
                    select distinct e.message_id from mailbox_entry e join mailbox mb on mb.id = e.mailbox_id
                     where mb.user_id = ?
                    """).param(userId).query(Long.class).list();
            jdbc.sql("delete from mail_user where id = ?").param(userId).update();
            MessageReaper.removeUnreferenced(jdbc, messages);
            return null;
        });
    }

    static long domainId(JdbcClient jdbc, String domain) {
        return jdbc.sql("select id from domain where name = ?").param(domain).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("domain " + domain + " is not one of this server's domains"));
    }

    private static void requireNoAlias(JdbcClient jdbc, long domainId, Address address) {
        boolean aliasExists = jdbc.sql("select exists (select 1 from alias where domain_id = ? and local_part = ?)")
                .params(domainId, address.localPart()).query(Boolean.class).single();
        if (aliasExists) {
            throw new ConflictException("an alias " + address + " exists already");
        }
    }

    private static void requireValidQuota(Long quotaBytes) {
        if (quotaBytes != null && quotaBytes < 0) {
            throw new InvalidInputException("quota must not be negative");
        }
    }
}
