package org.postroom.storage.directory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.postroom.storage.Database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Verifies a mail user's login (full address and secret) for SMTP AUTH, POP3 and the account
 * page, as the {@link Credentials} of their {@link LoginAttempts} pipelines. Only a
 * {@code {bcrypt}} hash is checked ({@link Passwords#matches}).
 *
 * <p>On the web a login takes the account password only. On the mail protocols
 * ({@link LoginProtocol#mail()}) it takes the account password or one of the user's
 * {@link AppPasswords app passwords}; when the user or their domain requires app passwords, the
 * account password is refused there with the reason {@code app-password-required} (the client
 * gets the usual refusal). A login with an app password notes its use (time, client address).
 * An app password names the one stored hash to check by its first letters, so a login costs one
 * bcrypt check (two when those letters name an app password and the secret is not it).
 *
 * <p>Unknown and disabled users cost the same password check as a wrong password, so the answer
 * time does not tell an attacker which addresses exist. Plus-addresses and aliases are not logins:
 * only the user's own address is.
 *
 * <p>A bcrypt check costs tens of milliseconds of CPU, and mail clients log in for every poll and
 * every message they send. So a secret that matched is remembered for {@link #REMEMBER} as an
 * HMAC under a random key that lives only in this process's memory, next to the stored hash it
 * was checked against. The stored hashes are read on every login, so a changed password, a
 * revoked app password or a disabled user takes effect at once; a wrong secret never hits the
 * memory and always pays the full check. The memory holds at most {@link #MAX_REMEMBERED} secrets;
 * when it is full the least useful ones make room (Caffeine), so a flood of new logins never wipes
 * it.
 */
public final class Authenticator implements Credentials<AuthenticatedUser> {

    /** The reason logged when the account password is given where an app password is required. */
    static final String APP_PASSWORD_REQUIRED = "app-password-required";
    static final Duration REMEMBER = Duration.ofMinutes(10);
    static final int MAX_REMEMBERED = 100_000;

    private final Database db;
    private final AppPasswords appPasswords;
    private final SecretKeySpec macKey;
    /** stored hash → HMAC of the secret that matched it */
    private final Cache<String, byte[]> remembered;

    public Authenticator(Database db) {
        this(db, MAX_REMEMBERED, Ticker.systemTicker());
    }

    /** Remembers at most {@code capacity} logins, each for {@link #REMEMBER} by {@code ticker}. */
    Authenticator(Database db, int capacity, Ticker ticker) {
        this.db = db;
        this.appPasswords = new AppPasswords(db);
        this.remembered = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(REMEMBER).ticker(ticker)
                .build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * The user when address and account password match an enabled user; empty otherwise. This is
     * the web's check; the mail protocols go through {@link #check}.
     */
    public Optional<AuthenticatedUser> verify(String address, String password) {
        Address login = Address.of(address);
        List<StoredLogin> stored = lookUp(login, null);
        boolean matches = matches(stored.isEmpty() ? null : stored.get(0).passwordHash(), password);
        return stored.stream().findFirst().filter(c -> matches && c.enabled())
                .map(c -> new AuthenticatedUser(c.userId(), login.toString(), c.inboxId()));
    }

    /** The web: {@link #verify}; SMTP AUTH and POP3: the account password or an app password, as the class says. */
    @Override
    public Verdict<AuthenticatedUser> check(LoginRequest request) {
        if (!request.protocol().mail()) {
            return Verdict.of(verify(request.login(), request.secret()), Verdict.WRONG_PASSWORD);
        }
        Address login = Address.of(request.login());
        Optional<String> letters = AppPasswordSecret.letters(request.secret());
        List<StoredLogin> stored = lookUp(login, letters.map(AppPasswordSecret::lookup).orElse(null));
        if (stored.isEmpty()) {
            matches(null, request.secret());
            return new Verdict.Mismatch<>(Verdict.WRONG_PASSWORD);
        }
        StoredLogin user = stored.get(0);
        AuthenticatedUser account = new AuthenticatedUser(user.userId(), login.toString(), user.inboxId());
        for (StoredLogin candidate : stored) {
            if (candidate.appPasswordId() != null && matches(candidate.appPasswordHash(), letters.get())) {
                if (!user.enabled()) {
                    return new Verdict.Mismatch<>(Verdict.WRONG_PASSWORD);
                }
                appPasswords.recordUse(candidate.appPasswordId(), request.client());
                return new Verdict.Match<>(account);
            }
        }
        if (!matches(user.passwordHash(), request.secret()) || !user.enabled()) {
            return new Verdict.Mismatch<>(Verdict.WRONG_PASSWORD);
        }
        return user.appPasswordsOnly() ? new Verdict.Mismatch<>(APP_PASSWORD_REQUIRED) : new Verdict.Match<>(account);
    }

    /**
     * The user's row, once per app password whose lookup is {@code lookup} (none when null or
     * none has it: then once, without app password); empty for an unknown user.
     */
    private List<StoredLogin> lookUp(Address login, String lookup) {
        return db.run("look up login " + login, jdbc -> jdbc.sql("""
                select u.id, u.password_hash, u.enabled, mb.id as inbox_id,
                       u.app_passwords_required or d.app_passwords_required as app_passwords_only,
                       ap.id as app_password_id, ap.password_hash as app_password_hash
                  from mail_user u
                  join domain d on d.id = u.domain_id
                  join mailbox mb on mb.user_id = u.id and mb.name = 'INBOX'
                  left join app_password ap on ap.user_id = u.id and ap.lookup = ?
                 where d.name = ? and u.local_part = ?
                """)
                .params(lookup, login.domain(), login.localPart())
                .query((rs, n) -> new StoredLogin(rs.getLong("id"), rs.getString("password_hash"),
                        rs.getBoolean("enabled"), rs.getLong("inbox_id"), rs.getBoolean("app_passwords_only"),
                        (Long) rs.getObject("app_password_id"), rs.getString("app_password_hash")))
                .list());
    }

    /**
     * True when {@code secret} is what {@code storedHash} (null: an unknown login) was made from:
     * from memory when it matched recently, else by a full check, remembered when it matches.
     */
    private boolean matches(String storedHash, String secret) {
        if (storedHash != null && secret != null) {
            byte[] entry = remembered.getIfPresent(storedHash);
            if (entry != null && MessageDigest.isEqual(entry, mac(secret))) {
                return true;
            }
        }
        boolean matches = Passwords.matches(secret, storedHash);
        if (matches) {
            remembered.put(storedHash, mac(secret));
        }
        return matches;
    }

    /** How many logins are remembered now, once evictions and expiries due are done (for tests). */
    long rememberedLogins() {
        remembered.cleanUp();
        return remembered.estimatedSize();
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /** A user's login row, with one app password's id and hash when the lookup named one. */
    private record StoredLogin(long userId, String passwordHash, boolean enabled, long inboxId,
            boolean appPasswordsOnly, Long appPasswordId, String appPasswordHash) {
    }
}
