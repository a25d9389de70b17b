package org.postroom.storage.mailbox;

import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.Page;
import org.postroom.storage.message.MessageContent;
import org.postroom.storage.message.MessageHead;

/**
 * A mail user's INBOX as their account page shows it: the messages still on the server (a POP3
 * client that leaves copies there, or has not downloaded them yet), newest first, and one removed
 * at the user's word, e.g. after teaching the spam filter it is spam.
 *
 * <p>Every method takes the user's address (the signed-in user's, never one from a request) and
 * answers about other users' messages exactly as about messages that do not exist.
 */
public final class UserInbox {

    private static final String OWN = """
              from mailbox_entry e
              join mailbox mb on mb.id = e.mailbox_id and mb.name = 'INBOX'
              join mail_user u on u.id = mb.user_id
              join domain d on d.id = u.domain_id
             where d.name = :domain and u.local_part = :local
            """;

    private static final String COLUMNS = "select e.uid, e.message_id, e.size, e.received_at, e.sender, "
            + MessageHead.column("e.message_id");

    private final Database db;

    public UserInbox(Database db) {
        this.db = db;
    }

    /** The messages in the user's INBOX, newest first; {@code page} counts from 0. */
    public Page<InboxMessage> list(String address, int page, int pageSize) {
        long offset = Page.offset(page, pageSize);
        Address user = Address.of(address);
        return db.run("list the inbox of " + user, jdbc -> {
            List<InboxMessage> rows = jdbc.sql(COLUMNS + OWN + " order by e.uid desc limit :size offset :offset")
                    .param("domain", user.domain()).param("local", user.localPart())
                    .param("size", pageSize).param("offset", offset)
                    .query((rs, n) -> row(rs)).list();
            long total = jdbc.sql("select count(*)" + OWN).param("domain", user.domain())
                    .param("local", user.localPart()).query(Long.class).single();
            return new Page<>(rows, page, pageSize, total);
        });
    }

    /** One message of the user's INBOX; empty when it is not there (downloaded and deleted, or not theirs). */
    public Optional<InboxMessage> find(String address, long uid) {
        Address user = Address.of(address);
        return db.run("find message " + uid + " in the inbox of " + user, jdbc -> jdbc.sql(COLUMNS + OWN
                + " and e.uid = :uid").param("domain", user.domain()).param("local", user.localPart())
                .param("uid", uid).query((rs, n) -> row(rs)).optional());
    }

    /**
     * The bytes of a message {@link #find} gave, streamed chunk by chunk. Reading fails with an
     * IOException when the message is removed before it was read to the end.
     */
    public InputStream content(InboxMessage message) {
        return new MessageContent(db, message.messageId(), message.size());
    }

    /**
     * Removes message {@code uid} from the user's INBOX, as a POP3 DELE and QUIT would.
     *
     * @throws NotFoundException when it is not there
     * @throws ConflictException while a POP3 session has the mailbox (RFC 1939's exclusive lock,
     *         {@link MaildropLocks}): that session may be downloading it right now
     */
    public void remove(String address, long uid) {
        Address user = Address.of(address);
        db.inTransaction("remove message " + uid + " from the inbox of " + user, jdbc -> {
            long mailbox = jdbc.sql("select mb.id" + OWN + " and e.uid = :uid").param("domain", user.domain())
                    .param("local", user.localPart()).param("uid", uid).query(Long.class).optional()
                    .orElseThrow(() -> new NotFoundException("no message " + uid + " in the mailbox of " + user));
            boolean free = jdbc.sql("select pg_try_advisory_xact_lock(?, ?)")
                    .params(MaildropLocks.NAMESPACE, Math.toIntExact(mailbox)).query(Boolean.class).single();
            if (!free) {
                throw new ConflictException("your mail program is downloading your mail right now; try again in a minute");
            }
            return Mailboxes.expunge(jdbc, mailbox, List.of(uid));
        });
    }

    private static InboxMessage row(ResultSet rs) throws SQLException {
        return new InboxMessage(rs.getLong("uid"), rs.getLong("message_id"), rs.getLong("size"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("sender"), MessageHead.text(rs.getBytes("head")));
    }
}
