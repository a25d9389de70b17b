package org.postroom.storage.directory;

import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.dkim.DkimKeyPair;
import org.postroom.storage.dkim.DkimSigningKey;
import org.postroom.storage.message.MessageReaper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;

/**
 * Adds, lists and removes mail domains. A new domain gets its own DKIM key pair ({@link
 * DkimKeyPair}), so outgoing mail can be signed from the first day.
 */
public final class DomainRepository {

    private static final String SELECT = """
            select d.id, d.name, d.dkim_selector, d.dkim_public_key, d.created_at,
                   (select count(*) from mail_user u where u.domain_id = d.id) as users,
                   (select count(*) from alias a where a.domain_id = d.id) as aliases
              from domain d
            """;
    private static final RowMapper<Domain> DOMAIN = (rs, n) -> new Domain(rs.getLong("id"), rs.getString("name"),
            rs.getString("dkim_selector"), rs.getString("dkim_public_key"), rs.getLong("users"),
            rs.getLong("aliases"), rs.getTimestamp("created_at").toInstant());

    private final Database db;
    private final String dkimSelector;

    /** {@code dkimSelector} is the selector new domains' keys are published under. */
    public DomainRepository(Database db, String dkimSelector) {
        this.db = db;
        this.dkimSelector = dkimSelector;
    }

    /**
     * Adds a domain (IDN names are stored in punycode). Commits the domain with its DKIM key.
     *
     * @throws org.postroom.storage.InvalidInputException when the name is not a domain name
     * @throws ConflictException when the domain exists already
     */
    public Domain create(String name) {
        String canonical = DomainName.validated(name);
        DkimKeyPair keys = DkimKeyPair.generate();
        try {
            db.run("add domain " + canonical, jdbc -> jdbc.sql("""
                    insert into domain (name, dkim_selector, dkim_private_key, dkim_public_key) values (?, ?, ?, ?)
                    """)
                    .params(canonical, dkimSelector, keys.privateKeyPkcs8(), keys.publicKeyX509())
                    .update());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("domain " + canonical + " exists already");
        }
        return find(canonical).orElseThrow();
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
