package org.postroom.storage.bench;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills a Postroom store for the growth benchmark, straight through SQL in large set-based
 * statements (a million messages through SMTP would take hours on the benchmark machine):
 * {@code mailboxes} users {@code grow0..} of the domain, each with {@code perMailbox} messages of
 * {@code size} random bytes in its INBOX, plus the user {@code bigdrop} with {@code bigDrop}
 * messages for the POP3 listing check. The rows are what {@code MailStore.deliver} writes (message,
 * one chunk, mailbox entry with a fresh UID, the mailbox's counters), so the store afterwards is
 * one that SMTP could have filled. New users get the password of {@code template} (a user the CLI
 * created), so the benchmark can log in as them.
 *
 * <pre>
 * java -cp storage-module/target/test-classes:postgresql.jar org.postroom.storage.bench.GrowthSeeder \
 *      JDBC_URL DOMAIN TEMPLATE_ADDRESS MAILBOXES PER_MAILBOX SIZE BIG_DROP
 * </pre>
 * Prints its progress and, last, {@code seeded_messages=N seconds=S}.
 */
public final class GrowthSeeder {

    /** Messages written per transaction: large enough for bulk speed, small enough to watch progress. */
    private static final int BATCH_MESSAGES = 50_000;

    private final Connection db;
    private final long domainId;
    private final String passwordHash;
    private final byte[] body;

    private GrowthSeeder(Connection db, String domain, String template, int size) throws SQLException {
        this.db = db;
        this.domainId = single("select id from domain where name = ?", domain);
        String[] login = template.split("@", 2);
        try (PreparedStatement st = db.prepareStatement("""
                select password_hash from mail_user u join domain d on d.id = u.domain_id
                 where d.name = ? and u.local_part = ?""")) {
            st.setString(1, login[1]);
            st.setString(2, login[0]);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no user " + template + " to copy the password from");
                }
                this.passwordHash = rs.getString(1);
            }
        }
        // Random bytes do not compress, so the store holds the full size, as real mail mostly does.
        this.body = new byte[size];
        new SecureRandom().nextBytes(body);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: GrowthSeeder JDBC_URL DOMAIN TEMPLATE_ADDRESS MAILBOXES PER_MAILBOX SIZE BIG_DROP");
            System.exit(2);
        }
        int mailboxes = Integer.parseInt(args[3]);
        int perMailbox = Integer.parseInt(args[4]);
        int size = Integer.parseInt(args[5]);
        int bigDrop = Integer.parseInt(args[6]);
        long start = System.nanoTime();
        // the embedded database's password (data/postgres/postroom.pgpass), as libpq takes it
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        try (Connection db = DriverManager.getConnection(args[0], "postgres", password)) {
            db.setAutoCommit(false);
            GrowthSeeder seeder = new GrowthSeeder(db, args[1], args[2], size);
            long messages = seeder.seed("grow", mailboxes, perMailbox) + seeder.seed("bigdrop", 1, bigDrop);
            db.setAutoCommit(true);
            try (var st = db.createStatement()) {
                // fresh statistics, and the seeding's dirty pages written out now, not during the measurement after it
                st.execute("analyze");
                st.execute("checkpoint");
            }
            System.out.printf("seeded_messages=%d seconds=%.0f%n", messages, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Creates {@code users} users named {@code prefix<n>} (or {@code prefix} alone) and fills their INBOXes. */
    private long seed(String prefix, int users, int perMailbox) throws SQLException {
        List<Long> mailboxIds = createUsers(prefix, users);
        int mailboxesPerBatch = Math.max(1, BATCH_MESSAGES / Math.max(1, perMailbox));
        long written = 0;
        for (int from = 0; from < mailboxIds.size(); from += mailboxesPerBatch) {
            List<Long> batch = mailboxIds.subList(from, Math.min(mailboxIds.size(), from + mailboxesPerBatch));
            for (int offset = 0; offset < perMailbox; offset += BATCH_MESSAGES) {
                written += fill(batch, offset, Math.min(BATCH_MESSAGES, perMailbox - offset));
                db.commit();
                System.out.printf("%s: %d messages%n", prefix, written);
            }
        }
        return written;
    }

    private List<Long> createUsers(String prefix, int users) throws SQLException {
        List<Long> mailboxIds = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                with u as (
                    insert into mail_user (domain_id, local_part, password_hash)
                    select ?, case when ? = 1 then ? else ? || n end, ? from generate_series(0, ? - 1) n
                    returning id)
                insert into mailbox (user_id, name, uid_validity)
                select id, 'INBOX', 1 + floor(random() * 2147483646)::bigint from u
                returning id""")) {
            st.setLong(1, domainId);
            st.setInt(2, users);
            st.setString(3, prefix);
            st.setString(4, prefix);
            st.setString(5, passwordHash);
            st.setInt(6, users);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    mailboxIds.add(rs.getLong(1));
                }
            }
        }
        db.commit();
        return mailboxIds;
    }

    /**
     * Adds {@code count} messages to each mailbox of {@code mailboxIds} with UIDs after {@code
     * offset} (the mailboxes hold exactly {@code offset} messages before), in one transaction.
     */
    private long fill(List<Long> mailboxIds, int offset, int count) throws SQLException {
        Array ids = db.createArrayOf("bigint", mailboxIds.toArray());
        try (PreparedStatement st = db.prepareStatement("""
                with slots as (
                    select mailbox_id, ? + k as uid
                      from unnest(?::bigint[]) as mailbox_id, generate_series(1, ?) k),
                m as (
                    insert into message (size, sender, origin)
                    select ?, 'seed@bench.test', 'received' from slots
                    returning id),
                numbered as (select id, row_number() over (order by id) as n from m),
                slot_numbers as (select mailbox_id, uid, row_number() over (order by mailbox_id, uid) as n from slots),
                c as (insert into message_chunk (message_id, seq, data) select id, 0, ? from numbered)
                insert into mailbox_entry (mailbox_id, uid, message_id, size, received_at, sender)
                select s.mailbox_id, s.uid, m.id, ?, now(), 'seed@bench.test' from slot_numbers s join numbered m using (n)""")) {
            st.setInt(1, offset);
            st.setArray(2, ids);
            st.setInt(3, count);
            st.setInt(4, body.length);
            st.setBytes(5, body);
            st.setInt(6, body.length);
            st.executeUpdate();
        }
        try (PreparedStatement st = db.prepareStatement("""
                update mailbox set next_uid = next_uid + ?, message_count = message_count + ?,
                                   total_bytes = total_bytes + ?::bigint * ?
                 where id = any(?)""")) {
            st.setInt(1, count);
            st.setInt(2, count);
            st.setInt(3, count);
            st.setInt(4, body.length);
            st.setArray(5, ids);
            st.executeUpdate();
        }
        return (long) count * mailboxIds.size();
    }

    private long single(String sql, String parameter) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, parameter);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("nothing found for " + parameter);
                }
                return rs.getLong(1);
            }
        }
    }
}
