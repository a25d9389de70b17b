package org.postroom.storage.directory;

import java.net.InetAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.springframework.dao.DuplicateKeyException;

/**
 * A user's app passwords (table {@code app_password}, V21): passwords Postroom generates for one
 * mail program each, named by the user, shown once and stored as a bcrypt hash like the account
 * password ({@link Passwords}). The {@link Authenticator} accepts them on SMTP AUTH and POP3
 * only, and notes when and from where each was last used. Revoking one takes effect at the next
 * login (the hash is read on every login). They leave with their user.
 */
public final class AppPasswords {

    /** More than a user has mail programs; bounds what one account can store. */
    public static final int MAX_PER_USER = 20;
    public static final int MAX_NAME_LENGTH = 64;

    private final Database db;

    public AppPasswords(Database db) {
        this.db = db;
    }

    /**
     * Makes a new app password named {@code name} for the user (committed before it returns).
     *
     * @throws NotFoundException when there is no such user
     * @throws InvalidInputException for an empty, over-long or unprintable name
     * @throws ConflictException when the user has an app password of that name, or {@link #MAX_PER_USER}
     */
    public NewAppPassword create(String address, String name) {
        String label = requireValidName(name);
        Address user = Address.of(address);
        String password = AppPasswordSecret.generate();
        String letters = AppPasswordSecret.letters(password).orElseThrow();
        String hash = Passwords.hashNew(letters);
        try {
            return db.inTransaction("add app password for " + user, jdbc -> {
                Long userId = jdbc.sql("""
                        select u.id from mail_user u join domain d on d.id = u.domain_id
                         where d.name = ? and u.local_part = ? for update of u
                        """).params(user.domain(), user.localPart()).query(Long.class).optional()
                        .orElseThrow(() -> new NotFoundException("no user " + user));
                long count = jdbc.sql("select count(*) from app_password where user_id = ?").param(userId)
                        .query(Long.class).single();
                if (count >= MAX_PER_USER) {
                    throw new ConflictException("at most " + MAX_PER_USER + " app passwords; revoke one first");
                }
                AppPassword created = jdbc.sql("""
                        insert into app_password (user_id, name, lookup, password_hash) values (?, ?, ?, ?)
                        returning id, name, created_at, last_used_at, last_used_from
                        """).params(userId, label, AppPasswordSecret.lookup(letters), hash)
                        .query(AppPasswords::appPassword).single();
                return new NewAppPassword(created, password);
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("you have an app password named " + label + " already");
        }
    }

    /** The user's app passwords, oldest first; empty for an unknown user. */
    public List<AppPassword> list(String address) {
        Address user = Address.of(address);
        return db.run("list app passwords of " + user, jdbc -> jdbc.sql("""
                select a.id, a.name, a.created_at, a.last_used_at, a.last_used_from
                  from app_password a
                  join mail_user u on u.id = a.user_id
                  join domain d on d.id = u.domain_id
                 where d.name = ? and u.local_part = ?
                 order by a.created_at, a.id
                """).params(user.domain(), user.localPart()).query(AppPasswords::appPassword).list());
    }

    /**
     * Deletes the user's app password {@code id} (committed before it returns): no mail program
     * logs in with it any more.
     *
     * @throws NotFoundException when the user has no app password with that id (another user's among them)
     */
    public void revoke(String address, long id) {
        Address user = Address.of(address);
        int deleted = db.run("revoke app password of " + user, jdbc -> jdbc.sql("""
                delete from app_password a using mail_user u, domain d
                 where a.id = ? and u.id = a.user_id and d.id = u.domain_id and d.name = ? and u.local_part = ?
                """).params(id, user.domain(), user.localPart()).update());
        if (deleted == 0) {
            throw new NotFoundException("no app password " + id);
        }
    }

    /**
     * Notes a login with app password {@code id} from {@code client}; written at most once a minute
     * per password and address, so a mail program that polls often costs no write per login.
     */
    void recordUse(long id, InetAddress client) {
        String from = client.getHostAddress();
        db.run("note use of app password", jdbc -> jdbc.sql("""
                update app_password set last_used_at = now(), last_used_from = ?
                 where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute'
                                   or last_used_from is distinct from ?)
                """).params(from, id, from).update());
    }

    private static String requireValidName(String name) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME_LENGTH
                || label.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new InvalidInputException("an app password's name is 1 to " + MAX_NAME_LENGTH
                    + " characters without control characters, e.g. \"Phone\" or \"Thunderbird at home\"");
        }
        return label;
    }

    private static AppPassword appPassword(ResultSet rs, int row) throws SQLException {
        return new AppPassword(rs.getLong("id"), rs.getString("name"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("last_used_at")), rs.getString("last_used_from"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
