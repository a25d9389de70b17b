package org.postroom.storage.acme;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.postroom.storage.Database;

/**
 * The HTTP-01 answers (RFC 8555 §8.3) of the challenges being validated: published by the process
 * that orders, read by whichever process the CA's validator reaches. Each write commits at once.
 */
public final class AcmeChallenges {

    private final Database db;

    public AcmeChallenges(Database db) {
        this.db = db;
    }

    /** Publishes the key authorization for {@code token} until {@code expiresAt}. */
    public void publish(String token, String keyAuthorization, Instant expiresAt) {
        db.run("publish an ACME challenge", jdbc -> jdbc.sql("""
                insert into acme_challenge (token, key_authorization, expires_at) values (?, ?, ?)
                on conflict (token) do update set key_authorization = excluded.key_authorization,
                    expires_at = excluded.expires_at
                """).params(token, keyAuthorization, Timestamp.from(expiresAt)).update());
    }

    /** The key authorization for {@code token}; empty when none is published or it expired. */
    public Optional<String> answer(String token) {
        return db.run("read an ACME challenge", jdbc -> jdbc.sql("""
                select key_authorization from acme_challenge where token = ? and expires_at > now()
                """).param(token).query(String.class).optional());
    }

    /** Withdraws {@code token}'s answer, and every expired one with it. */
    public void withdraw(String token) {
        db.run("withdraw an ACME challenge", jdbc -> jdbc.sql("""
                delete from acme_challenge where token = ? or expires_at <= now()
                """).param(token).update());
    }
}
