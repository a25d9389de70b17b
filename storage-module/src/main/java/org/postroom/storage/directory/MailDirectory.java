package org.postroom.storage.directory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.postroom.storage.Database;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.RecipientResolution.AliasLimitExceeded;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Disabled;
import org.postroom.storage.directory.RecipientResolution.LocalMailbox;
import org.postroom.storage.directory.RecipientResolution.NotLocal;
import org.postroom.storage.directory.RecipientResolution.UnknownLocal;
import org.postroom.storage.directory.RecipientResolution.Unattended;
import org.postroom.storage.directory.RecipientResolution.Via;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a recipient address to the mailboxes and external addresses it delivers to.
 *
 * <p>Precedence for an address {@code local+tag@domain}: the user {@code local+tag}, the alias
 * {@code local+tag}, the user {@code local}, the alias {@code local} (plus-addressing), and only
 * then the domain's catch-all. Domains and local parts match case-insensitively and a trailing dot
 * on the domain is ignored.
 *
 * <p>The {@link RoleAddresses role addresses} postmaster@ and abuse@ need no user or alias: without
 * one of that name they go to the domain's postmaster target (a local user or alias, or an external
 * address), before the catch-all; with neither target nor catch-all they are {@link Unattended},
 * accepted all the same and held for the administrators. Alias targets are resolved again, recursively, up to
 * {@link #MAX_DEPTH} levels and {@link #MAX_TARGETS} addresses; a target seen before (a loop) is
 * skipped, as are targets that are unknown or disabled, so one stale alias member does not stop
 * the mail for the others.
 */
public final class MailDirectory {

    static final int MAX_DEPTH = 10;
    static final int MAX_TARGETS = 1000;

    private static final Logger log = LoggerFactory.getLogger(MailDirectory.class);

    private final Database db;

    public MailDirectory(Database db) {
        this.db = db;
    }

    /** Where mail for {@code address} goes. Reads only; throws only when the database fails. */
    public RecipientResolution resolve(String address) {
        Address rcpt = Address.of(address);
        Optional<Match> match = lookup(rcpt);
        if (match.isEmpty()) {
            return new NotLocal();
        }
        if (match.get() instanceof UserMatch user) {
            return user.enabled() ? new Deliverable(Via.USER, Set.of(user.mailbox()), Set.of()) : new Disabled();
        }
        if (match.get() instanceof AliasMatch alias) {
            return expandAlias(rcpt, alias);
        }
        if (match.get() instanceof RoleMatch role) {
            return deliverToTarget(rcpt, role);
        }
        return new UnknownLocal();
    }

    /** True when {@code domain} (in any case, with or without trailing dot) is one of ours. */
    public boolean isLocalDomain(String domain) {
        return db.run("look up domain", jdbc -> jdbc
                .sql("select exists (select 1 from domain where name = ?)")
                .param(DomainName.canonical(domain))
                .query(Boolean.class).single());
    }

    /**
     * The domain whose postmaster a bare {@code RCPT TO:<postmaster>} reaches (RFC 5321 §4.5.1
     * requires it without a domain): the hosted domain that is {@code hostname} or its nearest
     * parent, else the domain added first; empty while no domain is hosted.
     */
    public Optional<String> serverDomain(String hostname) {
        List<String> candidates = DomainName.withParents(DomainName.canonical(hostname));
        return db.run("find the server's own domain", jdbc -> jdbc.sql("""
                select name from domain
                 order by case when name = any(?) then length(name) else -1 end desc, id
                 limit 1""")
                .param(candidates.toArray(String[]::new))
                .query(String.class).optional());
    }

    private RecipientResolution expandAlias(Address rcpt, AliasMatch alias) {
        return expand(rcpt, alias.targets(), alias.catchAll() ? Via.CATCH_ALL : Via.ALIAS, new UnknownLocal());
    }

    /**
     * A role address to its domain's postmaster target; unattended without one, or when the target
     * takes no mail any more (a deleted user: the dashboard says so).
     */
    private RecipientResolution deliverToTarget(Address rcpt, RoleMatch role) {
        return role.target() == null ? new Unattended() : expand(rcpt, List.of(role.target()), Via.ROLE, new Unattended());
    }

    /** Where {@code targets}, reached from {@code rcpt}, deliver; {@code nowhere} when to no one. */
    private RecipientResolution expand(Address rcpt, List<String> targets, Via via, RecipientResolution nowhere) {
        Expansion expansion = new Expansion();
        expansion.visited.add(rcpt.toString());
        try {
            expansion.expand(targets, 1);
        } catch (LimitExceeded e) {
            log.warn("alias {} not resolved: {}", Printable.of(rcpt.toString()), e.getMessage());
            return new AliasLimitExceeded(e.getMessage());
        }
        if (expansion.mailboxes.isEmpty() && expansion.remote.isEmpty()) {
            return nowhere;
        }
        return new Deliverable(via, expansion.mailboxes, expansion.remote);
    }

    private final class Expansion {
        final Set<String> visited = new HashSet<>();
        final Set<LocalMailbox> mailboxes = new LinkedHashSet<>();
        final Set<String> remote = new LinkedHashSet<>();

        void expand(List<String> targets, int depth) {
            if (depth > MAX_DEPTH) {
                throw new LimitExceeded("aliases nested deeper than " + MAX_DEPTH + " levels");
            }
            for (String target : targets) {
                if (visited.size() >= MAX_TARGETS) {
                    throw new LimitExceeded("aliases expand to more than " + MAX_TARGETS + " addresses");
                }
                Address address = Address.of(target);
                if (!visited.add(address.toString())) {
                    continue;
                }
                Optional<Match> match = lookup(address);
                if (match.isEmpty()) {
                    remote.add(target);
                } else if (match.get() instanceof UserMatch user && user.enabled()) {
                    mailboxes.add(user.mailbox());
                } else if (match.get() instanceof AliasMatch alias) {
                    expand(alias.targets(), depth + 1);
                } else if (match.get() instanceof RoleMatch role && role.target() != null) {
                    expand(List.of(role.target()), depth + 1);
                }
            }
        }
    }

    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private sealed interface Match permits NoMatch, UserMatch, AliasMatch, RoleMatch {
    }

    private record NoMatch() implements Match {
    }

    private record UserMatch(boolean enabled, LocalMailbox mailbox) implements Match {
    }

    private record AliasMatch(boolean catchAll, List<String> targets) implements Match {
    }

    /** A role address without a user or alias of its name; {@code target} null when the domain has none. */
    private record RoleMatch(String target) implements Match {
    }

    /** Candidate rows for one address, in one round trip; empty when the domain is not ours. */
    private Optional<Match> lookup(Address address) {
        String exact = address.localPart();
        String base = address.baseLocalPart();
        List<Row> rows = db.run("resolve " + address, jdbc -> jdbc.sql("""
                select 'domain' as kind, null as local_part, true as enabled, 0 as mailbox_id, 0 as user_id,
                       0 as free, d.postmaster_target as target
                  from domain d where d.name = :domain
                union all
                select 'user', u.local_part, u.enabled, mb.id, u.id,
                       coalesce(u.quota_bytes - mb.total_bytes, 9223372036854775807), null
                  from mail_user u
                  join domain d on d.id = u.domain_id
                  join mailbox mb on mb.user_id = u.id and mb.name = 'INBOX'
                 where d.name = :domain and u.local_part in (:exact, :base)
                union all
                select 'alias', a.local_part, true, 0, 0, 0, t.target
                  from alias a
                  join domain d on d.id = a.domain_id
                  join alias_target t on t.alias_id = a.id
                 where d.name = :domain and a.local_part in (:exact, :base, '')
                """)
                .param("domain", address.domain())
                .param("exact", exact)
                .param("base", base)
                .query((rs, n) -> new Row(rs.getString("kind"), rs.getString("local_part"), rs.getBoolean("enabled"),
                        rs.getLong("mailbox_id"), rs.getLong("user_id"), rs.getLong("free"), rs.getString("target")))
                .list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        for (String candidate : exact.equals(base) ? List.of(exact) : List.of(exact, base)) {
            Optional<Match> match = userMatch(rows, candidate, address.domain()).or(() -> aliasMatch(rows, candidate, false));
            if (match.isPresent()) {
                return match;
            }
        }
        boolean role = RoleAddresses.isRole(address);
        String target = rows.stream().filter(r -> r.kind().equals("domain")).findFirst().map(Row::target).orElse(null);
        if (role && target != null) {
            return Optional.of(new RoleMatch(target));
        }
        return Optional.of(aliasMatch(rows, "", true).orElseGet(() -> role ? new RoleMatch(null) : new NoMatch()));
    }

    private static Optional<Match> userMatch(List<Row> rows, String localPart, String domain) {
        return rows.stream()
                .filter(r -> r.kind().equals("user") && r.localPart().equals(localPart))
                .findFirst()
                .map(r -> new UserMatch(r.enabled(),
                        new LocalMailbox(r.mailboxId(), r.userId(), localPart + "@" + domain, r.free())));
    }

    private static Optional<Match> aliasMatch(List<Row> rows, String localPart, boolean catchAll) {
        List<String> targets = new ArrayList<>();
        for (Row r : rows) {
            if (r.kind().equals("alias") && r.localPart().equals(localPart)) {
                targets.add(r.target());
            }
        }
        return targets.isEmpty() ? Optional.empty() : Optional.of(new AliasMatch(catchAll, targets));
    }

    private record Row(String kind, String localPart, boolean enabled, long mailboxId, long userId, long free,
            String target) {
    }
}
