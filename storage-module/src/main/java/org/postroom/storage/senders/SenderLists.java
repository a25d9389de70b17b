package org.postroom.storage.senders;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.DomainName;
import org.postroom.storage.senders.SenderEntry.Kind;
import org.postroom.storage.senders.SenderList.Scope;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The allow and block lists of senders, per domain and per user: listed, changed and asked here.
 * Every entry is on one list once, with one action. Deleting a domain or a user deletes its list.
 *
 * <p>Which entry applies ({@link #match}): the recipient's user list before its domain's list (a
 * user's allow overrides the domain's block, and the other way round); within one list an address
 * entry before a domain entry before a network entry, and a longer network prefix before a shorter
 * one. A recipient that is an alias or a catch-all has only its domain's list. The user's list is
 * that of the user the mail is delivered to, as {@link org.postroom.storage.directory.MailDirectory}
 * does: {@code alice+news}'s own when that user exists, else {@code alice}'s.
 */
public final class SenderLists {

    /** The entry's canonical text: the address, {@code @domain}, a bare IP for a single host, else CIDR. */
    private static final String ENTRY = """
            coalesce(cast(:address as text), '@' || cast(:domain as text),
                     case when masklen(cast(:network as cidr)) = case family(cast(:network as cidr)) when 4 then 32 else 128 end
                          then host(cast(:network as cidr)) else text(cast(:network as cidr)) end)
            """;
    /**
     * The one query of {@link #match} (package-private for the test of its plan). Both owners are
     * computed first, as init plans, so that each branch of the {@code or} is an index condition on
     * its partial index ({@code r.user_id in (subquery)} would be a filter over every row).
     */
    static final String MATCH = """
            select r.action, r.entry, r.user_id is not null as personal
              from sender_rule r
             where (r.user_id is null and r.domain_id = (select id from domain where name = :rcptDomain)
                    or r.user_id = any(array(select u.id from mail_user u join domain d on d.id = u.domain_id
                                              where d.name = :rcptDomain and u.local_part in (:exact, :base)
                                              order by u.local_part = :exact desc limit 1)))
               and (r.address = :sender or r.sender_domain = :senderDomain or r.network >>= cast(:client as inet))
             order by personal desc,
                      case when r.address is not null then 0 when r.sender_domain is not null then 1 else 2 end,
                      masklen(r.network) desc
             limit 1
            """;
    private static final RowMapper<SenderRule> RULE = (rs, n) -> new SenderRule(rs.getString("entry"),
            SenderAction.of(rs.getString("action")), rs.getTimestamp("created_at").toInstant());

    private final Database db;

    public SenderLists(Database db) {
        this.db = db;
    }

    /**
     * The entries of one list, by their text.
     *
     * @throws NotFoundException when the domain or user does not exist
     */
    public List<SenderRule> list(SenderList list) {
        return db.run("read sender list of " + list, jdbc -> {
            Owner owner = owner(jdbc, list);
            return jdbc.sql("select entry, action, created_at from sender_rule where " + owner.condition()
                    + " order by entry").param("domainId", owner.domainId()).param("userId", owner.userId())
                    .query(RULE).list();
        });
    }

    /**
     * Puts {@code entry} on the list with {@code action}; an entry that is there already keeps its
     * place and takes the new action.
     *
     * @throws org.postroom.storage.InvalidInputException when {@code entry} is not an address,
     *         {@code @domain}, IP address or network
     * @throws NotFoundException when the domain or user does not exist
     */
    public SenderListChange put(SenderList list, String entry, SenderAction action) {
        SenderEntry parsed = SenderEntry.parse(entry);
        return db.inTransaction("change sender list of " + list, jdbc -> {
            Owner owner = owner(jdbc, list);
            String conflict = owner.userId() == null ? "(domain_id, entry) where user_id is null"
                    : "(user_id, entry) where user_id is not null";
            return entryParams(jdbc.sql("""
                    insert into sender_rule (domain_id, user_id, entry, address, sender_domain, network, action)
                    values (:domainId, :userId, %s, :address, :domain, cast(:network as cidr), :action)
                    on conflict %s do update set action = excluded.action
                    returning entry, action, created_at, xmax = 0 as created
                    """.formatted(ENTRY, conflict)), parsed)
                    .param("domainId", owner.domainId()).param("userId", owner.userId()).param("action", action.word())
                    .query((rs, n) -> new SenderListChange(RULE.mapRow(rs, n), rs.getBoolean("created"))).single();
        });
    }

    /**
     * Takes {@code entry} off the list.
     *
     * @throws org.postroom.storage.InvalidInputException when {@code entry} is not an entry at all
     * @throws NotFoundException when the domain or user does not exist, or the entry is not on its list
     */
    public void remove(SenderList list, String entry) {
        SenderEntry parsed = SenderEntry.parse(entry);
        int removed = db.inTransaction("change sender list of " + list, jdbc -> {
            Owner owner = owner(jdbc, list);
            return entryParams(jdbc.sql("delete from sender_rule where " + owner.condition() + " and entry = " + ENTRY),
                    parsed).param("domainId", owner.domainId()).param("userId", owner.userId()).update();
        });
        if (removed == 0) {
            throw new NotFoundException(entry.strip() + " is not on the sender list of " + list);
        }
    }

    /**
     * The entry that applies to mail from {@code sender} (the envelope sender, "" for the null
     * sender), sent by a client at {@code client}, for {@code recipient}; empty when none does. One
     * indexed query; reads only.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the database fails
     */
    public Optional<SenderMatch> match(String recipient, String sender, InetAddress client) {
        Address rcpt = Address.of(recipient);
        Address from = sender.isEmpty() ? new Address("", "") : Address.of(sender);
        return db.run("match sender lists", jdbc -> jdbc.sql(MATCH)
                .param("rcptDomain", rcpt.domain())
                .param("exact", rcpt.localPart())
                .param("base", rcpt.baseLocalPart())
                .param("sender", from.localPart().isEmpty() ? "" : from.toString())
                .param("senderDomain", from.domain())
                .param("client", hostAddress(client))
                .query((rs, n) -> new SenderMatch(SenderAction.of(rs.getString("action")), rs.getString("entry"),
                        rs.getBoolean("personal") ? Scope.USER : Scope.DOMAIN))
                .optional());
    }

    private static JdbcClient.StatementSpec entryParams(JdbcClient.StatementSpec statement, SenderEntry entry) {
        return statement
                .param("address", entry.kind() == Kind.ADDRESS ? entry.value() : null)
                .param("domain", entry.kind() == Kind.DOMAIN ? entry.value() : null)
                .param("network", entry.kind() == Kind.NETWORK ? entry.value() : null);
    }

    /** The address without an IPv6 scope ({@code %eth0}), which PostgreSQL's inet does not take. */
    private static String hostAddress(InetAddress client) {
        String text = client.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    private static Owner owner(JdbcClient jdbc, SenderList list) {
        if (list.scope() == Scope.DOMAIN) {
            return jdbc.sql("select id from domain where name = ?").param(DomainName.canonical(list.owner()))
                    .query((rs, n) -> new Owner(rs.getLong(1), null)).optional()
                    .orElseThrow(() -> new NotFoundException("no domain " + list.owner()));
        }
        Address user = Address.of(list.owner());
        return jdbc.sql("""
                select u.domain_id, u.id from mail_user u join domain d on d.id = u.domain_id
                 where d.name = ? and u.local_part = ?
                """).params(user.domain(), user.localPart())
                .query((rs, n) -> new Owner(rs.getLong(1), rs.getLong(2))).optional()
                .orElseThrow(() -> new NotFoundException("no user " + list.owner()));
    }

    /** The rows of one list: a domain's own ({@code userId} null) or a user's. */
    private record Owner(long domainId, Long userId) {

        String condition() {
            return userId == null ? "domain_id = :domainId and user_id is null" : "user_id = :userId";
        }
    }
}
