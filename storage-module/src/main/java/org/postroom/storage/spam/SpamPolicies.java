package org.postroom.storage.spam;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.DomainName;

/**
 * The domains' {@link SpamPolicy spam policies}: set by an administrator, read when rspamd scores
 * a message as spam. A domain never set has {@link SpamPolicy#DEFAULT}.
 */
public final class SpamPolicies {

    private final Database db;

    public SpamPolicies(Database db) {
        this.db = db;
    }

    /**
     * The policy of domain {@code name}.
     *
     * @throws NotFoundException when there is no such domain
     */
    public SpamPolicy of(String name) {
        String canonical = DomainName.canonical(name);
        return db.run("read spam policy of " + canonical, jdbc -> jdbc.sql("""
                select p.subject_tag, p.hold
                  from domain d left join domain_spam_policy p on p.domain_id = d.id
                 where d.name = ?
                """).param(canonical).query((rs, n) -> policy(rs.getString("subject_tag"), rs.getBoolean("hold")))
                .optional()).orElseThrow(() -> new NotFoundException("no domain " + name));
    }

    /**
     * The policies of the domains named in {@code names} (canonical names), in one query; a name
     * that is no domain of ours is left out of the map, one without a policy of its own maps to
     * {@link SpamPolicy#DEFAULT}.
     */
    public Map<String, SpamPolicy> of(Collection<String> names) {
        Map<String, SpamPolicy> policies = new HashMap<>();
        if (names.isEmpty()) {
            return policies;
        }
        List<String> canonical = names.stream().map(DomainName::canonical).distinct().toList();
        return db.run("read spam policies of " + canonical.size() + " domains", jdbc -> {
            jdbc.sql("""
                    select d.name, p.subject_tag, p.hold
                      from domain d left join domain_spam_policy p on p.domain_id = d.id
                     where d.name = any(?)
                    """).param(canonical.toArray(String[]::new)).query(rs -> {
                        policies.put(rs.getString("name"), policy(rs.getString("subject_tag"), rs.getBoolean("hold")));
                    });
            return policies;
        });
    }

    /**
     * Sets the policy of domain {@code name}; commits before it returns.
     *
     * @throws NotFoundException when there is no such domain
     */
    public SpamPolicy set(String name, SpamPolicy policy) {
        String canonical = DomainName.canonical(name);
        int changed = db.inTransaction("set spam policy of " + canonical, jdbc -> jdbc.sql("""
                insert into domain_spam_policy (domain_id, subject_tag, hold)
                select id, ?, ? from domain where name = ?
                on conflict (domain_id) do update set subject_tag = excluded.subject_tag, hold = excluded.hold
                """).params(policy.subjectTag(), policy.hold(), canonical).update());
        if (changed == 0) {
            throw new NotFoundException("no domain " + name);
        }
        return policy;
    }

    /** A row of {@code domain_spam_policy}, or the default where the domain has none ({@code tag} null). */
    private static SpamPolicy policy(String tag, boolean hold) {
        return tag == null ? SpamPolicy.DEFAULT : new SpamPolicy(tag, hold);
    }
}
