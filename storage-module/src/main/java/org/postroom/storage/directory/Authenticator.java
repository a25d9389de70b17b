package org.postroom.storage.directory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.postroom.storage.Database;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Verifies a mail user's login (full address and password) for SMTP AUTH, POP3 and the account
 * page, as the {@link Credentials} of their {@link LoginAttempts} pipelines. Only a
 * {@code {bcrypt}} hash is checked ({@link Passwords#matches}).
 *
 * <p>Unknown and disabled users cost the same password check as a wrong password, so the answer
 * time does not tell an attacker which addresses exist. Plus-addresses and aliases are not logins:
 * only the user's own address is.
 *
 * <p>A bcrypt check costs tens of milliseconds of CPU, and mail clients log in for every poll and
 * every message they send. So a login that succeeded is remembered for {@link #REMEMBER} as an
 * HMAC of the password under a random key that lives only in this process's memory, next to the
 * stored hash it was checked against. The stored hash is read on every login, so a changed
 * password or a disabled user takes effect at once; a wrong password never hits the memory and
 * always pays the full check. The memory holds at most {@link #MAX_REMEMBERED} logins; when it is
 * full the least useful ones make room (Caffeine), so a flood of new logins never wipes it.
 */
public final class Authenticator implements Credentials<AuthenticatedUser> {

    static final Duration REMEMBER = Duration.ofMinutes(10);
    static final int MAX_REMEMBERED = 100_000;

    private final Database db;
    private final SecretKeySpec macKey;
    private final Cache<Long, Remembered> remembered;

    public Authenticator(Database db) {
        this(db, MAX_REMEMBERED, Ticker.systemTicker());
    }

    /** Remembers at most {@code capacity} logins, each for {@link #REMEMBER} by {@code ticker}. */
    Authenticator(Database db, int capacity, Ticker ticker) {
        this.db = db;
        this.remembered = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(REMEMBER).ticker(ticker)
                .build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The user when address and password match an enabled user; empty otherwise. */
    @Override
    public Optional<AuthenticatedUser> verify(String address, String password) {
        Address login = Address.of(address);
        Optional<StoredLogin> stored = db.run("look up login " + login, jdbc -> jdbc.sql("""
                select u.id, u.password_hash, u.enabled, mb.id as inbox_id
                  from mail_user u
                  join domain d on d.id = u.domain_id
                  join mailbox mb on mb.user_id = u.id and mb.name = 'INBOX'
                 where d.name = ? and u.local_part = ?
                """)
                .params(login.domain(), login.localPart())
                .query((rs, n) -> new StoredLogin(rs.getLong("id"), rs.getString("password_hash"),
                        rs.getBoolean("enabled"), rs.getLong("inbox_id")))
                .optional());
        boolean matches = password != null && stored.map(c -> isRemembered(c, password)).orElse(false)
                || check(stored, password);
        return stored.filter(c -> matches && c.enabled())
                .map(c -> new AuthenticatedUser(c.userId(), login.toString(), c.inboxId()));
    }

    private boolean check(Optional<StoredLogin> stored, String password) {
        boolean matches = Passwords.matches(password, stored.map(StoredLogin::passwordHash).orElse(null));
        if (matches && stored.isPresent()) {
            remember(stored.get(), password);
        }
        return matches;
    }

    private boolean isRemembered(StoredLogin credentials, String password) {
        Remembered entry = remembered.getIfPresent(credentials.userId());
        return entry != null && entry.passwordHash().equals(credentials.passwordHash())
                && MessageDigest.isEqual(entry.mac(), mac(password));
    }

    private void remember(StoredLogin credentials, String password) {
        remembered.put(credentials.userId(), new Remembered(credentials.passwordHash(), mac(password)));
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

    private record StoredLogin(long userId, String passwordHash, boolean enabled, long inboxId) {
    }

    private record Remembered(String passwordHash, byte[] mac) {
    }
}
