package org.postroom.storage.acme;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import org.postroom.storage.Database;

/**
 * The ACME account keys, the server's certificate and the state of its renewal, shared by every
 * Postroom process on the database. Every write commits before the method returns.
 */
public final class CertificateStore {

    private final Database db;

    public CertificateStore(Database db) {
        this.db = db;
    }

    /**
     * The account key (PEM) for the CA at {@code directory}; when there is none yet, {@code
     * newKeyPem} is stored and returned, unless another process stored one first, which then wins.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the database fails
     */
    public String accountKey(String directory, Supplier<String> newKeyPem) {
        Optional<String> existing = readAccountKey(directory);
        if (existing.isPresent()) {
            return existing.get();
        }
        String fresh = newKeyPem.get();
        return db.inTransaction("store the ACME account key", jdbc -> {
            jdbc.sql("insert into acme_account (directory, key_pem) values (?, ?) on conflict (directory) do nothing")
                    .params(directory, fresh).update();
            return jdbc.sql("select key_pem from acme_account where directory = ?").param(directory)
                    .query(String.class).single();
        });
    }

    private Optional<String> readAccountKey(String directory) {
        return db.run("read the ACME account key", jdbc -> jdbc.sql("select key_pem from acme_account where directory = ?")
                .param(directory).query(String.class).optional());
    }

    /** The stored certificate; empty before the first one was issued. */
    public Optional<IssuedCertificate> certificate() {
        return db.run("read the ACME certificate", jdbc -> jdbc.sql("""
                select names, chain_pem, key_pem, not_after, issued_at from acme_certificate
                """).query((rs, n) -> certificate(rs)).optional());
    }

    /** Replaces the stored certificate and records the success (no failures, no error, no wait). */
    public void store(IssuedCertificate certificate) {
        db.inTransaction("store the ACME certificate", jdbc -> {
            jdbc.sql("""
                    insert into acme_certificate (names, chain_pem, key_pem, not_after, issued_at) values (?, ?, ?, ?, ?)
                    on conflict (id) do update set names = excluded.names, chain_pem = excluded.chain_pem,
                        key_pem = excluded.key_pem, not_after = excluded.not_after, issued_at = excluded.issued_at
                    """).params(certificate.names().toArray(String[]::new), certificate.chainPem(),
                    certificate.keyPem(), Timestamp.from(certificate.notAfter()),
                    Timestamp.from(certificate.issuedAt())).update();
            Timestamp now = Timestamp.from(certificate.issuedAt());
            return jdbc.sql("""
                    insert into acme_renewal (failures, last_error, attempted_at, retry_at) values (0, null, ?, ?)
                    on conflict (id) do update set failures = 0, last_error = null,
                        attempted_at = excluded.attempted_at, retry_at = excluded.retry_at
                    """).params(now, now).update();
        });
    }

    /** How ordering went last; empty before the first attempt ended. */
    public Optional<RenewalState> renewal() {
        return db.run("read the ACME renewal state", jdbc -> jdbc.sql("""
                select failures, last_error, attempted_at, retry_at from acme_renewal
                """).query((rs, n) -> new RenewalState(rs.getInt("failures"), rs.getString("last_error"),
                        rs.getTimestamp("attempted_at").toInstant(), rs.getTimestamp("retry_at").toInstant()))
                .optional());
    }

    /**
     * Records a failed attempt: one more failure, its {@code error}, and no attempt before {@code
     * retryAt}.
     */
    public void recordFailure(String error, Instant attemptedAt, Instant retryAt) {
        db.run("record an ACME failure", jdbc -> jdbc.sql("""
                insert into acme_renewal (failures, last_error, attempted_at, retry_at) values (1, ?, ?, ?)
                on conflict (id) do update set failures = acme_renewal.failures + 1, last_error = excluded.last_error,
                    attempted_at = excluded.attempted_at, retry_at = excluded.retry_at
                """).params(error, Timestamp.from(attemptedAt), Timestamp.from(retryAt)).update());
    }

    private static IssuedCertificate certificate(ResultSet rs) throws SQLException {
        return new IssuedCertificate(Arrays.asList((String[]) rs.getArray("names").getArray()),
                rs.getString("chain_pem"), rs.getString("key_pem"), rs.getTimestamp("not_after").toInstant(),
                rs.getTimestamp("issued_at").toInstant());
    }
}
