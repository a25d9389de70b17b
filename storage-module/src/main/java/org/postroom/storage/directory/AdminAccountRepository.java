package org.postroom.storage.directory;

import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Administrators of the console and the REST API. Their passwords are hashed like users'.
 */
public final class AdminAccountRepository {

    private final Database db;

    public AdminAccountRepository(Database db) {
        this.db = db;
    }

    /**
     * Adds an administrator.
     *
     * @throws ConflictException when the username is taken
     */
    public void create(String username, String password) {
        String hash = Passwords.hashNew(password);
        try {
            db.run("add administrator", jdbc -> jdbc
                    .sql("insert into admin_account (username, password_hash) values (?, ?)")
                    .params(username, hash).update());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("administrator " + username + " exists already");
        }
    }

    /** @throws NotFoundException when there is no such administrator */
    public void changePassword(String username, String password) {
        String hash = Passwords.hashNew(password);
        int updated = db.run("change administrator password", jdbc -> jdbc
                .sql("update admin_account set password_hash = ? where username = ?")
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

    public long count() {
        return db.run("count administrators", jdbc -> jdbc.sql("select count(*) from admin_account")
                .query(Long.class).single());
    }
}
