package org.postroom.storage.limits;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;

/**
 * The suspensions of sending in force (table {@code sending_suspension}), as the administrators see
 * and lift them; {@link SendingCounters#refused} puts them in force. A lifted suspension stays as a
 * row with who lifted it and when.
 */
public final class Suspensions {

    private final Database db;

    public Suspensions(Database db) {
        this.db = db;
    }

    /** The users whose sending is suspended now, the latest suspended first; empty when none is. */
    public List<Suspension> inForce() {
        return db.run("list sending suspensions", jdbc -> jdbc.sql("""
                select u.local_part || '@' || d.name as address, s.suspended_at, s.reason
                  from sending_suspension s join mail_user u on u.id = s.user_id join domain d on d.id = u.domain_id
                 where s.lifted_at is null
                 order by s.suspended_at desc, s.id desc
                """).query((rs, n) -> SendingCounters.suspension(rs)).list());
    }

    /**
     * Lifts the suspension of the user {@code address}'s sending, recording {@code by} (the
     * administrator) and {@code now}, and forgets the day's refusals that led to it, so that the
     * next refusal does not suspend the user again at once. One transaction.
     *
     * @throws NotFoundException when there is no such user, or their sending is not suspended
     */
    public void lift(String address, String by, Instant now) {
        Address user = Address.of(address);
        db.inTransaction("lift a sending suspension", jdbc -> {
            Long userId = jdbc.sql("""
                    select u.id from mail_user u join domain d on d.id = u.domain_id
                     where d.name = :domain and u.local_part = :local
                    """).param("domain", user.domain()).param("local", user.localPart()).query(Long.class).optional()
                    .orElseThrow(() -> new NotFoundException("no user " + address));
            int lifted = jdbc.sql("""
                    update sending_suspension set lifted_at = :now, lifted_by = :by
                     where user_id = :user and lifted_at is null
                    """).param("now", Timestamp.from(now)).param("by", by).param("user", userId).update();
            if (lifted == 0) {
                throw new NotFoundException("the sending of " + address + " is not suspended");
            }
            jdbc.sql("update sending_count set limit_hits = 0, spam_rejects = 0 where user_id = :user")
                    .param("user", userId).update();
            return null;
        });
    }
}
