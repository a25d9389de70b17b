package org.postroom.storage.secret;

import java.security.SecureRandom;

import org.postroom.storage.Database;

/**
 * Secrets every Postroom process of one installation must share, kept in the database: each is
 * made (32 random bytes) by the first process that asks for it, and every process after that gets
 * the same one, however many start at once.
 */
public final class ServerSecrets {

    /** The key of the Sender Rewriting Scheme's addresses. */
    public static final String SRS = "srs";

    private static final int LENGTH = 32;

    private final Database db;
    private final SecureRandom random = new SecureRandom();

    public ServerSecrets(Database db) {
        this.db = db;
    }

    /**
     * The secret called {@code name}, made now if no process made it before.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the database fails
     */
    public byte[] secret(String name) {
        byte[] fresh = new byte[LENGTH];
        random.nextBytes(fresh);
        return db.inTransaction("read the secret " + name, jdbc -> {
            // a process that races us to it either inserts first (ours is dropped) or waits for us
            jdbc.sql("insert into server_secret (name, secret) values (?, ?) on conflict (name) do nothing")
                    .params(name, fresh).update();
            return jdbc.sql("select secret from server_secret where name = ?").param(name).query(byte[].class)
                    .single();
        });
    }
}
