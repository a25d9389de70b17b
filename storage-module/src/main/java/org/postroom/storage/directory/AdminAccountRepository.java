package org.postroom.storage.directory;

import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Administrators of the console and the REST API. Their passwords are hashed like users'. An
 * administrator created with a generated password must change it before using the console or the
 * API ({@link #mustChangePassword}); any later password change clears that.
 */
public final class AdminAccountRepository {

    private static final int MAX_USERNAME_LENGTH = 64;

    private final Database db;

    public AdminAccountRepository(Database db) {
        this.db = db;
    }

    /**
     * Adds an administrator whose password an operator chose (configuration, command line).
     *
     * @throws InvalidInputException when the username is not acceptable ({@link #requireValidUsername})
     * @throws ConflictException when the username is taken
     */
    public void create(String username, String password) {
        insert(username, password, false);
    }

    /**
     * Adds an administrator with a password Postroom generated and showed once: they must choose
     * their own at the first login.
     *
     * @throws InvalidInputException when the username is not acceptable ({@link #requireValidUsername})
     * @throws ConflictException when the username is taken
     */
    public void createWithGeneratedPassword(String username, String password) {
        insert(username, password, true);
    }

    private void insert(String username, String password, boolean mustChangePassword) {
        requireValidUsername(username);
        String hash = Passwords.hashNew(password);
        try {
            db.run("add administrator", jdbc -> jdbc
                    .sql("insert into admin_account (username, password_hash, must_change_password) values (?, ?, ?)")
                    .params(username, hash, mustChangePassword).update());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("administrator " + username + " exists already");
        }
    }

    /**
     * Sets the password (committed at once); the administrator need not change it at the next login.
     *
     * @throws NotFoundException when there is no such administrator
     */
    public void changePassword(String username, String password) {
        String hash = Passwords.hashNew(password);
        int updated = db.run("change administrator password", jdbc -> jdbc
                .sql("update admin_account set password_hash = ?, must_change_password = false where username = ?")
                .params(hash, username).update());
        if (updated == 0) {
            throw new NotFoundException("no administrator " + username);
        }
    }

    /** The stored hash, for the web login; empty when there is no such administrator. */
    public Optional<String> passwordHash(String username) {
        return db.run("look up administrator", jdbc -> jdbc
                .sql("select password_hash from admin_account where username = ?")
                .param(username).query(String.class).optional());
    }

    /** True while the administrator still has the generated password; false for an unknown name. */
    public boolean mustChangePassword(String username) {
        return db.run("look up administrator", jdbc -> jdbc
                .sql("select must_change_password from admin_account where username = ?")
                .param(username).query(Boolean.class).optional()).orElse(false);
    }

    public long count() {
        return db.run("count administrators", jdbc -> jdbc.sql("select count(*) from admin_account")
                .query(Long.class).single());
    }

    /**
     * An administrator's name is one word: no whitespace, no {@code :} (HTTP Basic separates name
     * and password with the first colon, RFC 7617 §2) and no control or invisible character, so
     * it is typed, logged and shown as it is.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public static void requireValidUsername(String username) {
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME_LENGTH
                || !username.codePoints().allMatch(AdminAccountRepository::isUsernameCharacter)) {
            throw new InvalidInputException("an administrator's name is 1 to " + MAX_USERNAME_LENGTH
                    + " characters without spaces, ':' or control characters");
        }
    }

    private static boolean isUsernameCharacter(int c) {
        int type = Character.getType(c);
        return c != ':' && !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                && type != Character.FORMAT && type != Character.SURROGATE && type != Character.UNASSIGNED;
    }
}
