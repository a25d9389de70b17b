package org.postroom.storage.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.Database;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Administrators of the console and the REST API. Their passwords are hashed like users'. An
 * administrator created with a generated password must change it before using the console or the
 * API ({@link #mustChangePassword}); any later password change clears that. Each is a server
 * administrator or the administrator of some domains ({@link AdministratorScope}); there is always
 * at least one server administrator: the last one can be neither deleted nor made a domain
 * administrator (checked under a lock on the server administrators' rows, so two such changes at
 * once cannot both pass).
 */
public final class AdminAccountRepository {

    /** An administrator with their domains and whether they have a second factor; completed by a where or order. */
    private static final String ADMINISTRATORS = """
            select a.username, a.server_admin, a.must_change_password, a.two_factor_required, a.created_at,
                   exists (select 1 from two_factor t where t.admin_id = a.id) as enrolled,
                   array(select d.name from admin_domain ad join domain d on d.id = ad.domain_id
                          where ad.admin_id = a.id order by d.name) as domains
              from admin_account a""";

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
        create(username, password, AdministratorScope.serverAdministrator());
    }

    /**
     * Adds an administrator of this scope whose password an operator chose.
     *
     * @throws InvalidInputException when the username is not acceptable or a domain is unknown
     * @throws ConflictException when the username is taken
     */
    public void create(String username, String password, AdministratorScope scope) {
        insert(username, password, false, scope);
    }

    /**
     * Adds an administrator with a password Postroom generated and showed once: they must choose
     * their own at the first login.
     *
     * @throws InvalidInputException when the username is not acceptable ({@link #requireValidUsername})
     * @throws ConflictException when the username is taken
     */
    public void createWithGeneratedPassword(String username, String password) {
        createWithGeneratedPassword(username, password, AdministratorScope.serverAdministrator());
    }

    /**
     * Adds an administrator of this scope with a password Postroom generated and showed once.
     *
     * @throws InvalidInputException when the username is not acceptable or a domain is unknown
     * @throws ConflictException when the username is taken
     */
    public void createWithGeneratedPassword(String username, String password, AdministratorScope scope) {
        insert(username, password, true, scope);
    }

    private void insert(String username, String password, boolean mustChangePassword, AdministratorScope scope) {
        requireValidUsername(username);
        String hash = Passwords.hashNew(password);
        try {
            db.inTransaction("add administrator", jdbc -> {
                jdbc.sql("insert into admin_account (username, password_hash, must_change_password, server_admin)"
                        + " values (?, ?, ?, ?)").params(username, hash, mustChangePassword, scope.server()).update();
                writeDomains(jdbc, username, scope);
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException("administrator " + username + " exists already");
        }
    }

    /**
     * What the administrator may manage; empty when there is no such administrator (deleted
     * meanwhile: they may manage nothing).
     */
    public Optional<AdministratorScope> scope(String username) {
        return db.run("look up administrator's scope", jdbc -> scope(jdbc, username));
    }

    private static Optional<AdministratorScope> scope(JdbcClient jdbc, String username) {
        Optional<Boolean> server = jdbc.sql("select server_admin from admin_account where username = ?")
                .param(username).query(Boolean.class).optional();
        if (server.isEmpty()) {
            return Optional.empty();
        }
        if (server.get()) {
            return Optional.of(AdministratorScope.serverAdministrator());
        }
        List<String> domains = jdbc.sql("""
                select d.name from admin_domain ad join admin_account a on a.id = ad.admin_id
                  join domain d on d.id = ad.domain_id where a.username = ?""")
                .param(username).query(String.class).list();
        return Optional.of(AdministratorScope.domainAdministrator(domains));
    }

    /** Every administrator, by name. */
    public List<Administrator> list() {
        return db.run("list administrators", jdbc -> jdbc.sql(ADMINISTRATORS + " order by a.username")
                .query(AdminAccountRepository::administrator).list());
    }

    /** One administrator; empty when there is no such administrator. */
    public Optional<Administrator> find(String username) {
        return db.run("look up administrator", jdbc -> jdbc.sql(ADMINISTRATORS + " where a.username = ?")
                .param(username).query(AdminAccountRepository::administrator).optional());
    }

    private static Administrator administrator(ResultSet rs, int row) throws SQLException {
        return new Administrator(rs.getString("username"),
                rs.getBoolean("server_admin") ? AdministratorScope.serverAdministrator()
                        : AdministratorScope.domainAdministrator(List.of((String[]) rs.getArray("domains").getArray())),
                rs.getBoolean("must_change_password"), rs.getBoolean("two_factor_required"), rs.getBoolean("enrolled"),
                rs.getTimestamp("created_at").toInstant());
    }

    /**
     * Makes the administrator a server administrator or the administrator of exactly these
     * domains. One transaction.
     *
     * @throws NotFoundException when there is no such administrator
     * @throws InvalidInputException when a domain is unknown
     * @throws ConflictException when this would leave no server administrator
     */
    public void changeScope(String username, AdministratorScope scope) {
        db.inTransaction("change administrator's scope", jdbc -> {
            requireAnotherServerAdministratorIfLosing(jdbc, username, !scope.server());
            jdbc.sql("update admin_account set server_admin = ? where username = ?").params(scope.server(), username)
                    .update();
            jdbc.sql("delete from admin_domain where admin_id = (select id from admin_account where username = ?)")
                    .param(username).update();
            writeDomains(jdbc, username, scope);
            return null;
        });
    }

    /**
     * Deletes the administrator with their second factor. One transaction.
     *
     * @throws NotFoundException when there is no such administrator
     * @throws ConflictException when they are the last server administrator
     */
    public void delete(String username) {
        db.inTransaction("delete administrator", jdbc -> {
            requireAnotherServerAdministratorIfLosing(jdbc, username, true);
            jdbc.sql("delete from admin_account where username = ?").param(username).update();
            return null;
        });
    }

    /**
     * Whether this administrator must sign in with a second factor (enrolling at their next
     * sign-in when they have none).
     *
     * @throws NotFoundException when there is no such administrator
     */
    public void setTwoFactorRequired(String username, boolean required) {
        int updated = db.run("change administrator's two-factor rule", jdbc -> jdbc
                .sql("update admin_account set two_factor_required = ? where username = ?")
                .params(required, username).update());
        if (updated == 0) {
            throw new NotFoundException("no administrator " + username);
        }
    }

    /** True when this administrator's own rule requires a second factor; false for an unknown name. */
    public boolean twoFactorRequired(String username) {
        return db.run("look up administrator", jdbc -> jdbc
                .sql("select two_factor_required from admin_account where username = ?")
                .param(username).query(Boolean.class).optional()).orElse(false);
    }

    /**
     * Locks the server administrators' rows, then, when {@code username} would stop being one,
     * refuses if no other is left. Fails for an unknown administrator.
     */
    private static void requireAnotherServerAdministratorIfLosing(JdbcClient jdbc, String username, boolean losing) {
        List<String> servers = jdbc.sql("select username from admin_account where server_admin for update")
                .query(String.class).list();
        if (scope(jdbc, username).isEmpty()) {
            throw new NotFoundException("no administrator " + username);
        }
        if (losing && servers.equals(List.of(username))) {
            throw new ConflictException(username + " is the last server administrator: make another one first");
        }
    }

    private static void writeDomains(JdbcClient jdbc, String username, AdministratorScope scope) {
        for (String domain : scope.domains()) {
            int added = jdbc.sql("""
                    insert into admin_domain (admin_id, domain_id)
                    select a.id, d.id from admin_account a, domain d where a.username = ? and d.name = ?""")
                    .params(username, domain).update();
            if (added == 0) {
                throw new InvalidInputException("no domain " + domain);
            }
        }
    }

    /**
     * Sets a password Postroom generated and showed once (committed at once): the administrator
     * must choose their own at the next sign-in.
     *
     * @throws NotFoundException when there is no such administrator
     */
    public void resetPassword(String username, String generatedPassword) {
        setPassword(username, generatedPassword, true);
    }

    /**
     * Sets the password (committed at once); the administrator need not change it at the next login.
     *
     * @throws NotFoundException when there is no such administrator
     */
    public void changePassword(String username, String password) {
        setPassword(username, password, false);
    }

    private void setPassword(String username, String password, boolean mustChangePassword) {
        String hash = Passwords.hashNew(password);
        int updated = db.run("set administrator password", jdbc -> jdbc
                .sql("update admin_account set password_hash = ?, must_change_password = ? where username = ?")
                .params(hash, mustChangePassword, username).update());
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
