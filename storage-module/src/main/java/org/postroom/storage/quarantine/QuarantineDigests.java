package org.postroom.storage.quarantine;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.postroom.storage.Database;
import org.postroom.storage.directory.Address;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailStore.NothingDelivered;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageHead;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.message.StoredMessage;

/**
 * The daily quarantine digest's bookkeeping (ADR 0006): which users have held messages no digest
 * named yet, storing one user's digest together with the mark that names its messages, and the
 * round of the day that one process of the installation claims.
 *
 * <p>A held message is named to a user once: {@link #send} locks the user's unnamed copies ({@code
 * FOR UPDATE SKIP LOCKED}), stores the digest into their INBOX and marks the copies in one
 * transaction, so two processes sending at the same moment never name one twice, and a digest that
 * could not be stored marks nothing. A user or a domain with the digest turned off gets none (their
 * messages wait, unnamed, until it is turned on again or they leave the quarantine).
 */
public final class QuarantineDigests {

    /** How long a claimed round may stay unfinished before another process takes it over. */
    private static final String ABANDONED_AFTER = "1 hour";

    /** Rounds are remembered this long, then forgotten. */
    private static final int ROUNDS_KEPT_DAYS = 30;

    /**
     * The held copies a digest may name: undecided, still held, unnamed, for an enabled user who
     * wants digests in a domain that does. Names {@code p}, {@code q}, {@code u}, {@code d}, {@code m}
     * and {@code mb}, the user's INBOX.
     */
    private static final String DUE = """
              from quarantine_user p
              join quarantine q on q.message_id = p.message_id
              join message m on m.id = p.message_id
              join mail_user u on u.id = p.user_id
              join domain d on d.id = u.domain_id
              join mailbox mb on mb.user_id = u.id and mb.name = 'INBOX'
             where p.decision is null and p.digested_at is null and q.released_at is null
               and u.enabled and u.quarantine_digest and d.quarantine_digest
            """;

    private final Database db;

    public QuarantineDigests(Database db) {
        this.db = db;
    }

    /**
     * Claims the digest round of {@code day} for the process {@code node}: true when it is this
     * process's to send (the first to ask, the same process asking again after a failure, or a
     * process taking over a round left unfinished for an hour); false when another process has
     * it, or it was finished. Rounds older than 30 days are forgotten on the way.
     */
    public boolean claimRound(LocalDate day, String node) {
        return db.inTransaction("claim the quarantine digest round of " + day, jdbc -> {
            jdbc.sql("delete from quarantine_digest_round where round_date < ?").param(day.minusDays(ROUNDS_KEPT_DAYS))
                    .update();
            return jdbc.sql("""
                    insert into quarantine_digest_round as r (round_date, node) values (?, ?)
                    on conflict (round_date) do update set node = excluded.node, claimed_at = now()
                     where r.finished_at is null
                       and (r.node = excluded.node or r.claimed_at < now() - cast(? as interval))
                    returning r.round_date
                    """).params(day, node, ABANDONED_AFTER).query(LocalDate.class).optional().isPresent();
        });
    }

    /** Marks the round of {@code day} done: no process starts it again. */
    public void finishRound(LocalDate day) {
        db.run("finish the quarantine digest round of " + day, jdbc -> jdbc
                .sql("update quarantine_digest_round set finished_at = now() where round_date = ?").param(day).update());
    }

    /** The addresses of the users who have held messages that no digest named yet, by address. */
    public List<String> recipients() {
        return db.run("find users due a quarantine digest", jdbc -> jdbc
                .sql("select distinct u.local_part || '@' || d.name as address" + DUE + " order by address")
                .query(String.class).list());
    }

    /**
     * Sends {@code address} one digest of their held messages that no digest named yet: {@code
     * compose} turns them into the digest's bytes (a whole message), which is stored into the user's
     * INBOX from the null sender as generated mail, and the messages are marked named, all in one
     * transaction. Copies another process is naming right now are skipped.
     */
    public DigestOutcome send(String address, Function<Digest, byte[]> compose) {
        Address user = Address.of(address);
        try {
            return db.inTransaction("send the quarantine digest of " + user, jdbc -> {
                List<DueCopy> due = jdbc.sql("""
                        select p.message_id, p.user_id, mb.id as inbox, m.sender, q.reason, q.held_at,
                        """ + MessageHead.column("p.message_id") + DUE + """
                           and d.name = :domain and u.local_part = :local
                         order by q.held_at, p.message_id
                           for update of p skip locked
                        """).param("domain", user.domain())
                        .param("local", user.localPart())
                        .query((rs, n) -> new DueCopy(new Digest.Entry(rs.getLong("message_id"), rs.getString("sender"),
                                rs.getString("reason"), rs.getTimestamp("held_at").toInstant(),
                                MessageHead.text(rs.getBytes("head"))), rs.getLong("user_id"),
                                rs.getLong("inbox"))).list();
                if (due.isEmpty()) {
                    return new DigestOutcome.NothingNew();
                }
                List<Digest.Entry> entries = due.stream().map(DueCopy::entry).toList();
                byte[] digest = compose.apply(new Digest(user.toString(), entries));
                StoredMessage message = StoredMessage.write(jdbc, "", MessageOrigin.GENERATED,
                        new ByteArrayInputStream(digest), List.of());
                MailStore.deliverStored(jdbc, message,
                        List.of(new Recipient(user.toString(), Set.of(due.get(0).inboxId()), Set.of())));
                jdbc.sql("update quarantine_user set digested_at = now() where user_id = ? and message_id = any(?)")
                        .params(due.get(0).userId(), entries.stream().map(Digest.Entry::messageId).toArray(Long[]::new))
                        .update();
                return new DigestOutcome.Sent(message.id(), entries.size());
            });
        } catch (NothingDelivered full) {
            return new DigestOutcome.MailboxFull();
        }
    }

    private record DueCopy(Digest.Entry entry, long userId, long inboxId) {
    }
}
