package org.postroom.storage.directory;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Creates, lists and removes aliases, including catch-alls ({@code @example.com}). Targets may be
 * local addresses (users or other aliases) or external ones.
 */
public final class AliasRepository {

    static final int MAX_TARGETS = 1000;

    private static final String SELECT = """
            select a.id, a.local_part, d.name, a.created_at,
                   array(select t.target from alias_target t where t.alias_id = a.id order by t.target) as targets
              from alias a
              join domain d on d.id = a.domain_id
            """;
    private static final RowMapper<Alias> ALIAS = (rs, n) -> new Alias(rs.getLong("id"),
            rs.getString("local_part") + "@" + rs.getString("name"), strings(rs.getArray("targets")),
            rs.getTimestamp("created_at").toInstant());

    private final Database db;

    public AliasRepository(Database db) {
        this.db = db;
    }

    /**
     * Adds an alias with its targets, in one transaction.
     *
     * @throws InvalidInputException for a bad address, no targets or a bad target
     * @throws NotFoundException when the alias's domain is not ours
     * @throws ConflictException when the alias, or a user with its address, exists
     */
    public Alias create(String address, List<String> targets) {
        Address alias = Address.validated(address, true);
        Set<String> validTargets = validTargets(alias, targets);
        try {
            db.inTransaction("add alias " + alias, jdbc -> {
                long domainId = UserRepository.domainId(jdbc, alias.domain());
                requireNoUser(jdbc, domainId, alias);
                long aliasId = jdbc.sql("insert into alias (domain_id, local_part) values (?, ?) returning id")
                        .params(domainId, alias.localPart()).query(Long.class).single();
                for (String target : validTargets) {
                    jdbc.sql("insert into alias_target (alias_id, target) values (?, ?)").params(aliasId, target).update();
                }
                return aliasId;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("alias " + alias + " exists already");
        }
        return find(alias.toString()).orElseThrow();
    }

    /** Aliases ordered by address, only those of {@code domain} when it is given. */
    public List<Alias> list(String domain) {
        if (domain == null || domain.isBlank()) {
            return db.run("list aliases", jdbc -> jdbc.sql(SELECT + " order by d.name, a.local_part").query(ALIAS).list());
        }
        return db.run("list aliases", jdbc -> jdbc.sql(SELECT + " where d.name = ? order by a.local_part")
                .param(DomainName.canonical(domain)).query(ALIAS).list());
    }

    /** The alias with exactly this address ({@code @domain} for a catch-all); empty when none. */
    public Optional<Alias> find(String address) {
        Address alias = Address.of(address);
        return db.run("find alias", jdbc -> jdbc.sql(SELECT + " where d.name = ? and a.local_part = ?")
                .params(alias.domain(), alias.localPart()).query(ALIAS).optional());
    }

    /** @throws NotFoundException when there is no such alias */
    public void delete(String address) {
        Address alias = Address.of(address);
        int deleted = db.run("delete alias " + alias, jdbc -> jdbc.sql("""
                delete from alias a using domain d where d.id = a.domain_id and d.name = ? and a.local_part = ?
                """).params(alias.domain(), alias.localPart()).update());
        if (deleted == 0) {
            throw new NotFoundException("no alias " + address);
        }
    }

    private static Set<String> validTargets(Address alias, List<String> targets) {
        if (targets == null || targets.isEmpty()) {
            throw new InvalidInputException("an alias needs at least one target");
        }
        if (targets.size() > MAX_TARGETS) {
            throw new InvalidInputException("an alias may have at most " + MAX_TARGETS + " targets");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String target : targets) {
            Address address = Address.validated(target, false);
            if (address.equals(alias)) {
                throw new InvalidInputException("an alias cannot deliver to itself: " + target);
            }
            valid.add(address.toString());
        }
        return valid;
    }

    private static void requireNoUser(JdbcClient jdbc, long domainId, Address alias) {
        boolean userExists = jdbc.sql("select exists (select 1 from mail_user where domain_id = ? and local_part = ?)")
                .params(domainId, alias.localPart()).query(Boolean.class).single();
        if (userExists) {
            throw new ConflictException("a user " + alias + " exists already");
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
