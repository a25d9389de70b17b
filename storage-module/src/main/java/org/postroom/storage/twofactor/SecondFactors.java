package org.postroom.storage.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Credentials;
import org.postroom.storage.directory.Verdict;
import org.postroom.storage.twofactor.SecondFactorOwner.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The second factors of web logins: one TOTP secret per mail user or administrator, with
 * {@value #RECOVERY_CODES} recovery codes (tables {@code two_factor}, {@code recovery_code}, V21).
 *
 * <p>A code is accepted at most once: {@link #check} writes the code's step down in the statement
 * that accepts it, only when it is later than the last accepted one, so a replayed code (or an older
 * one) is refused however many processes share the database. A recovery code is marked used in the
 * statement that accepts it. Every change commits before the method returns.
 */
public final class SecondFactors {

    /** How many recovery codes an enrolment gives. */
    public static final int RECOVERY_CODES = 10;
    static final String WRONG_CODE = "wrong-code";
    static final String REPLAYED_CODE = "code-replayed";
    static final String WRONG_RECOVERY_CODE = "wrong-recovery-code";
    static final String NOT_ENROLLED = "no-second-factor";

    /** Recovery codes: 10 characters, lower-case letters and digits without look-alikes (50 bits). */
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int RECOVERY_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public SecondFactors(Database db) {
        this(db, Clock.systemUTC());
    }

    /** With {@code clock} for the codes' time steps (tests move it). */
    public SecondFactors(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** True when the owner has a second factor. */
    public boolean isEnrolled(SecondFactorOwner owner) {
        return db.run("look up second factor", jdbc -> jdbc.sql(
                "select exists (select 1 from two_factor where " + owner.condition() + ")")
                .params(owner.params()).query(Boolean.class).single());
    }

    /**
     * Makes {@code secret} the owner's second factor, replacing any earlier one with its recovery
     * codes, once {@code code} shows that their authenticator app holds it (that code is then used
     * up). Returns the new recovery codes, which are kept only as digests: show them once.
     *
     * @throws InvalidInputException when {@code code} is not the secret's current code
     * @throws NotFoundException when there is no such user or administrator
     */
    public List<String> enrol(SecondFactorOwner owner, String secret, String code) {
        OptionalLong step = Totp.matchingStep(secret, code == null ? null : code.strip(), clock.instant());
        if (step.isEmpty()) {
            throw new InvalidInputException("that code is not right: check the time on your phone and type the code"
                    + " your app shows now");
        }
        return db.inTransaction("enrol second factor", jdbc -> {
            jdbc.sql("delete from two_factor where " + owner.condition()).params(owner.params()).update();
            Long id = jdbc.sql("insert into two_factor (" + owner.column() + ", secret, last_step) select " + owner.id()
                    + ", :secret, :step where " + owner.id() + " is not null returning id")
                    .params(owner.params()).param("secret", secret).param("step", step.getAsLong())
                    .query(Long.class).optional()
                    .orElseThrow(() -> new NotFoundException("no " + owner.kind().name().toLowerCase(Locale.ROOT) + " "
                            + owner.name()));
            return newRecoveryCodes(jdbc, id);
        });
    }

    /**
     * New recovery codes for the owner, the old ones void; show them once.
     *
     * @throws NotFoundException when the owner has no second factor
     */
    public List<String> renewRecoveryCodes(SecondFactorOwner owner) {
        return db.inTransaction("renew recovery codes", jdbc -> {
            long id = jdbc.sql("select id from two_factor where " + owner.condition() + " for update")
                    .params(owner.params()).query(Long.class).optional()
                    .orElseThrow(() -> new NotFoundException("no second factor"));
            jdbc.sql("delete from recovery_code where two_factor_id = ?").param(id).update();
            return newRecoveryCodes(jdbc, id);
        });
    }

    /** How many of the owner's recovery codes are unused (0 without a second factor). */
    public int recoveryCodesLeft(SecondFactorOwner owner) {
        return db.run("count recovery codes", jdbc -> jdbc.sql("""
                select count(*) from recovery_code r join two_factor t on t.id = r.two_factor_id
                 where r.used_at is null and t.""" + owner.condition())
                .params(owner.params()).query(Long.class).single()).intValue();
    }

    /** Removes the owner's second factor and recovery codes; nothing happens when there is none. */
    public void remove(SecondFactorOwner owner) {
        db.run("remove second factor", jdbc -> jdbc.sql("delete from two_factor where " + owner.condition())
                .params(owner.params()).update());
    }

    /**
     * Checks {@code secret}, a six-digit code of the owner's app or one of their recovery codes: a
     * {@link Verdict.Match} uses it up; a mismatch names the reason ({@code wrong-code},
     * {@code code-replayed}, {@code wrong-recovery-code}, {@code no-second-factor}).
     */
    public Verdict<SecondFactorOwner> check(SecondFactorOwner owner, String secret) {
        String given = secret == null ? "" : secret.strip();
        if (given.length() == Totp.DIGITS && given.chars().allMatch(Character::isDigit)) {
            return checkCode(owner, given);
        }
        return checkRecoveryCode(owner, given);
    }

    /** The second step of a web login of {@code kind}, for the login pipeline: the login is the owner's name. */
    public Credentials<SecondFactorOwner> credentials(Kind kind) {
        return request -> check(kind == Kind.USER ? SecondFactorOwner.user(request.login())
                : SecondFactorOwner.admin(request.login()), request.secret());
    }

    private Verdict<SecondFactorOwner> checkCode(SecondFactorOwner owner, String code) {
        record Stored(long id, String secret, long lastStep) {
        }
        List<Stored> stored = db.run("read second factor", jdbc -> jdbc.sql(
                "select id, secret, last_step from two_factor where " + owner.condition()).params(owner.params())
                .query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("secret"), rs.getLong("last_step"))).list());
        if (stored.isEmpty()) {
            return new Verdict.Mismatch<>(NOT_ENROLLED);
        }
        OptionalLong step = Totp.matchingStep(stored.get(0).secret(), code, clock.instant());
        if (step.isEmpty()) {
            return new Verdict.Mismatch<>(WRONG_CODE);
        }
        int accepted = db.run("use a second-factor code", jdbc -> jdbc.sql(
                "update two_factor set last_step = ? where id = ? and last_step < ?")
                .params(step.getAsLong(), stored.get(0).id(), step.getAsLong()).update());
        return accepted == 1 ? new Verdict.Match<>(owner) : new Verdict.Mismatch<>(REPLAYED_CODE);
    }

    private Verdict<SecondFactorOwner> checkRecoveryCode(SecondFactorOwner owner, String code) {
        int used = db.run("use a recovery code", jdbc -> jdbc.sql("""
                update recovery_code set used_at = now()
                 where used_at is null and code_digest = :digest
                   and two_factor_id = (select id from two_factor where\s""" + owner.condition() + ")")
                .params(owner.params()).param("digest", digest(code)).update());
        return used == 1 ? new Verdict.Match<>(owner) : new Verdict.Mismatch<>(WRONG_RECOVERY_CODE);
    }

    private static List<String> newRecoveryCodes(JdbcClient jdbc, long twoFactorId) {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        while (codes.size() < RECOVERY_CODES) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < RECOVERY_LENGTH; i++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            code.insert(RECOVERY_LENGTH / 2, '-');
            if (!codes.contains(code.toString())) {
                codes.add(code.toString());
            }
        }
        for (String code : codes) {
            jdbc.sql("insert into recovery_code (two_factor_id, code_digest) values (?, ?)")
                    .params(twoFactorId, digest(code)).update();
        }
        return codes;
    }

    /** The stored form of a recovery code: case, spaces and dashes do not count. */
    private static byte[] digest(String code) {
        String normal = code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
        try {
            return MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
