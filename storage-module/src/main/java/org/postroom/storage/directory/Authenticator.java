package org.postroom.storage.directory;

import java.util.Optional;
import java.util.UUID;

import org.postroom.storage.Database;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Verifies a mail user's login (full address and password) for SMTP AUTH, POP3 and the account
 * page.
 *
 * <p>Unknown and disabled users cost the same password check as a wrong password, so the answer
 * time does not tell an attacker which addresses exist. Plus-addresses and aliases are not logins:
 * only the user's own address is.
 */
public final class Authenticator {

    private final Database db;
    private final PasswordEncoder encoder = Passwords.encoder();
    private final String decoyHash = encoder.encode(UUID.randomUUID().toString());

    public Authenticator(Database db) {
        this.db = db;
    }

    /** The user when address and password match an enabled user; empty otherwise. */
    public Optional<AuthenticatedUser> verify(String address, String password) {
        Address login = Address.of(address);
        Optional<Credentials> stored = db.run("look up login " + login, jdbc -> jdbc.sql("""
                select u.id, u.password_hash, u.enabled, mb.id as inbox_id
                  from mail_user u
                  join domain d on d.id = u.domain_id
                  join mailbox mb on mb.user_id = u.id and mb.name = 'INBOX'
                 where d.name = ? and u.local_part = ?
                """)
                .params(login.domain(), login.localPart())
                .query((rs, n) -> new Credentials(rs.getLong("id"), rs.getString("password_hash"),
                        rs.getBoolean("enabled"), rs.getLong("inbox_id")))
                .optional());
        String hash = stored.map(Credentials::passwordHash).orElse(decoyHash);
        boolean matches = password != null && encoder.matches(password, hash);
        return stored.filter(c -> matches && c.enabled())
                .map(c -> new AuthenticatedUser(c.userId(), login.toString(), c.inboxId()));
    }

    private record Credentials(long userId, String passwordHash, boolean enabled, long inboxId) {
    }
}
