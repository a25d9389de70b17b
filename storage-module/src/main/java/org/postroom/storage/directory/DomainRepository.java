package org.postroom.storage.directory;

import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.dkim.DkimKeyPair;
import org.postroom.storage.dkim.DkimSigningKey;
import org.postroom.storage.message.MessageReaper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Adds, lists and removes mail domains. A new domain gets its own DKIM key pair ({@link
 * DkimKeyPair}), so outgoing mail can be signed from the first day.
 */
public final class DomainRepository {

    private static final String SELECT = """
            select d.id, d.name, d.dkim_selector, d.dkim_public_key, d.postmaster_target, d.quarantine_digest,
                   d.mta_sts_mode, d.created_at,
                   (select count(*) from mail_user u where u.domain_id = d.id) as users,
                   (select count(*) from alias a where a.domain_id = d.id) as aliases
              from domain d
            """;
    private static final RowMapper<Domain> DOMAIN = (rs, n) -> new Domain(rs.getLong("id"), rs.getString("name"),
            rs.getString("dkim_selector"), rs.getString("dkim_public_key"), rs.getString("postmaster_target"),
            rs.getBoolean("quarantine_digest"), MtaStsMode.of(rs.getString("mta_sts_mode")), rs.getLong("users"), rs.getLong("aliases"),
            rs.getTimestamp("created_at").toInstant());

    private final Database db;
    private final String dkimSelector;

    /** {@code dkimSelector} is the selector new domains' keys are published under. */
    public DomainRepository(Database db, String dkimSelector) {
        this.db = db;
        this.dkimSelector = dkimSelector;
    }

    /** Adds a domain without a postmaster target; see {@link #create(String, String)}. */
    public Domain create(String name) {
        return create(name, null);
    }

    /**
     * Adds a domain (IDN names are stored in punycode) whose postmaster@ and abuse@ go to {@code
     * postmasterTarget} ({@link #setPostmasterTarget}). Commits the domain with its DKIM key.
     *
     * @param postmasterTarget a local user or alias, or an external address; null or blank for none yet
     * @throws org.postroom.storage.InvalidInputException when the name is not a domain name, or the
     *         target is not an address or not a local user or alias
     * @throws ConflictException when the domain exists already
     */
    public Domain create(String name, String postmasterTarget) {
        String canonical = DomainName.validated(name);
        DkimKeyPair keys = DkimKeyPair.generate();
        try {
            db.inTransaction("add domain " + canonical, jdbc -> jdbc.sql("""
                    insert into domain (name, dkim_selector, dkim_private_key, dkim_public_key, postmaster_target)
                    values (?, ?, ?, ?, ?)
                    """)
                    .params(canonical, dkimSelector, keys.privateKeyPkcs8(), keys.publicKeyX509(),
                            validTarget(jdbc, postmasterTarget, canonical))
                    .update());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("domain " + canonical + " exists already");
        }
        return find(canonical).orElseThrow();
    }

    /**
     * Sets where postmaster@ and abuse@ of the domain go when no user or alias has that name: a
     * local user or alias (of any of our domains), or an external address. Null or blank removes
     * the target: such mail then goes to the domain's catch-all, or waits in the quarantine.
     *
     * @throws NotFoundException when there is no such domain
     * @throws org.postroom.storage.InvalidInputException when the target is not an address, or is
     *         at one of our domains but no user or alias there
     */
    public Domain setPostmasterTarget(String name, String postmasterTarget) {
        return update(name, DomainUpdate.postmasterTarget(postmasterTarget));
    }

    /**
     * Turns the daily quarantine digest on or off for every user of the domain; on, a user still
     * gets it only when it is on for them too.
     *
     * @throws NotFoundException when there is no such domain
     */
    public Domain setQuarantineDigest(String name, boolean on) {
        return update(name, DomainUpdate.quarantineDigest(on));
    }

    /**
     * Sets the MTA-STS policy mode the domain publishes.
     *
     * @throws NotFoundException when there is no such domain
     */
    public Domain setMtaSts(String name, MtaStsMode mode) {
        return update(name, DomainUpdate.mtaSts(mode));
    }

    /**
     * Makes every change of {@code update} in one transaction: all of them, or (when one is
     * refused) none. Nothing given changes nothing.
     *
     * @throws NotFoundException when there is no such domain
     * @throws org.postroom.storage.InvalidInputException when the postmaster target is refused (see
     *         {@link #setPostmasterTarget})
     */
    public Domain update(String name, DomainUpdate update) {
        String canonical = DomainName.canonical(name);
        db.inTransaction("change domain " + canonical, jdbc -> {
            if (jdbc.sql("select count(*) from domain where name = ?").param(canonical).query(Long.class).single() == 0) {
                throw new NotFoundException("no domain " + name);
            }
            if (update.postmasterTarget() != null) {
                jdbc.sql("update domain set postmaster_target = ? where name = ?")
                        .params(validTarget(jdbc, update.postmasterTarget().address(), null), canonical).update();
            }
            if (update.quarantineDigest() != null) {
                jdbc.sql("update domain set quarantine_digest = ? where name = ?")
                        .params(update.quarantineDigest(), canonical).update();
            }
            if (update.mtaSts() != null) {
                jdbc.sql("update domain set mta_sts_mode = ? where name = ?").params(update.mtaSts().token(), canonical)
                        .update();
            }
            return null;
        });
        return find(canonical).orElseThrow();
    }

    /**
     * The domains (by name) whose postmaster@ or abuse@ mail would wait in the quarantine: no user
     * or alias of that name, and neither a postmaster target that takes mail nor a catch-all.
     */
    public List<String> withUnattendedRoleAddresses() {
        return db.run("find domains without a postmaster", jdbc -> jdbc.sql("""
                select d.name from domain d
                 where exists (select 1 from unnest(cast(:roles as text[])) as r (role)
                                where not exists (select 1 from mail_user u where u.domain_id = d.id and u.local_part = r.role)
                                  and not exists (select 1 from alias a where a.domain_id = d.id and a.local_part = r.role))
                   and case when d.postmaster_target is null
                            then not exists (select 1 from alias c where c.domain_id = d.id and c.local_part = '')
                            else exists (select 1 from domain t
                                          where t.name = split_part(d.postmaster_target, '@', 2)
                                            and not exists (select 1 from mail_user u where u.domain_id = t.id and u.enabled
                                                              and u.local_part = split_part(d.postmaster_target, '@', 1))
                                            and not exists (select 1 from alias a where a.domain_id = t.id
                                                              and a.local_part = split_part(d.postmaster_target, '@', 1)))
                       end
                 order by d.name
                """).param("roles", RoleAddresses.LOCAL_PARTS.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * The canonical form of a postmaster target, null for none, checked where it can be: a local
     * target must be a user or an alias (not a catch-all, not a role address that is neither), so
     * it cannot be at {@code newDomain}, a domain being added, which has neither yet.
     */
    private static String validTarget(JdbcClient jdbc, String target, String newDomain) {
        if (target == null || target.isBlank()) {
            return null;
        }
        Address address = Address.validated(target, false);
        boolean takesMail = !address.domain().equals(newDomain) && jdbc.sql("""
                select not exists (select 1 from domain where name = :domain)
                    or exists (select 1 from mail_user u join domain d on d.id = u.domain_id
                                where d.name = :domain and u.local_part = :local)
                    or exists (select 1 from alias a join domain d on d.id = a.domain_id
                                where d.name = :domain and a.local_part = :local)
                """).param("domain", address.domain()).param("local", address.localPart()).query(Boolean.class).single();
        if (!takesMail) {
            throw new InvalidInputException("postmaster target " + address + " is at a local domain but no user or alias"
                    + " there; create it first or give an external address");
        }
        return address.toString();
    }

    /** Every domain, by name. */
    public List<Domain> list() {
        return db.run("list domains", jdbc -> jdbc.sql(SELECT + " order by d.name").query(DOMAIN).list());
    }

    /** The domain, in any case and with or without a trailing dot; empty when it is not ours. */
    public Optional<Domain> find(String name) {
        return db.run("find domain", jdbc -> jdbc.sql(SELECT + " where d.name = ?")
                .param(DomainName.canonical(name)).query(DOMAIN).optional());
    }

    /** The key to sign mail from {@code domain} with; empty when the domain is not ours. */
    public Optional<DkimSigningKey> signingKey(String domain) {
        String canonical = DomainName.canonical(domain);
        return db.run("read DKIM key", jdbc -> jdbc
                .sql("select dkim_selector, dkim_private_key from domain where name = ?")
                .param(canonical)
                .query((rs, n) -> new DkimSigningKey(canonical, rs.getString(1), rs.getString(2)))
                .optional());
    }

    /**
     * Removes a domain. Without {@code force} a domain that still has users is refused; with it,
     * its users, their mailboxes and messages and its aliases go too, all in one transaction.
     *
     * @throws NotFoundException when there is no such domain
     * @throws ConflictException when the domain has users and {@code force} is false
     */
    public void delete(String name, boolean force) {
        Domain domain = find(name).orElseThrow(() -> new NotFoundException("no domain " + name));
        if (domain.userCount() > 0 && !force) {
            throw new ConflictException("domain " + domain.name() + " still has " + domain.userCount()
                    + " users; delete them first or force the deletion");
        }
        db.inTransaction("delete domain " + domain.name(), jdbc -> {
            List<Long> messages = jdbc.sql("""
                    select distinct e.message_id from mailbox_entry e
                      join mailbox mb on mb.id = e.mailbox_id
                      join mail_user u on u.id = mb.user_id
                     where u.domain_id = ?
                    """).param(domain.id()).query(Long.class).list();
            jdbc.sql("delete from domain where id = ?").param(domain.id()).update();
            MessageReaper.removeUnreferenced(jdbc, messages);
            return null;
        });
    }
}
