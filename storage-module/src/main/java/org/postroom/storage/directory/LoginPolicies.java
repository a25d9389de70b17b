package org.postroom.storage.directory;

import org.postroom.storage.Database;
import org.postroom.storage.NotFoundException;

/**
 * The login policies of domains and users (columns of {@code domain} and {@code mail_user}, V21):
 * whether the mail protocols take app passwords only, and whether a domain's users must sign in
 * to the web with a second factor. The {@link Authenticator} reads the app-password rule at every
 * mail login, so a change counts at once; every change commits before the method returns.
 */
public final class LoginPolicies {

    private final Database db;

    public LoginPolicies(Database db) {
        this.db = db;
    }

    /**
     * The policy of domain {@code name}.
     *
     * @throws NotFoundException when there is no such domain
     */
    public LoginPolicy ofDomain(String name) {
        String canonical = DomainName.canonical(name);
        return db.run("read login policy of " + canonical, jdbc -> jdbc.sql(
                "select app_passwords_required, two_factor_required from domain where name = ?")
                .param(canonical)
                .query((rs, n) -> new LoginPolicy(rs.getBoolean("app_passwords_required"),
                        rs.getBoolean("two_factor_required")))
                .optional()).orElseThrow(() -> new NotFoundException("no domain " + name));
    }

    /**
     * Sets the policy of domain {@code name}.
     *
     * @throws NotFoundException when there is no such domain
     */
    public LoginPolicy setForDomain(String name, LoginPolicy policy) {
        String canonical = DomainName.canonical(name);
        int changed = db.run("set login policy of " + canonical, jdbc -> jdbc.sql(
                "update domain set app_passwords_required = ?, two_factor_required = ? where name = ?")
                .params(policy.appPasswordsRequired(), policy.twoFactorRequired(), canonical).update());
        if (changed == 0) {
            throw new NotFoundException("no domain " + name);
        }
        return policy;
    }

    /**
     * The policy of user {@code address}, with their domain's.
     *
     * @throws NotFoundException when there is no such user
     */
    public UserLoginPolicy ofUser(String address) {
        Address user = Address.of(address);
        return db.run("read login policy of " + user, jdbc -> jdbc.sql("""
                select u.app_passwords_required, d.app_passwords_required as domain_app_passwords_required,
                       d.two_factor_required
                  from mail_user u join domain d on d.id = u.domain_id
                 where d.name = ? and u.local_part = ?
                """).params(user.domain(), user.localPart())
                .query((rs, n) -> new UserLoginPolicy(rs.getBoolean("app_passwords_required"),
                        new LoginPolicy(rs.getBoolean("domain_app_passwords_required"),
                                rs.getBoolean("two_factor_required"))))
                .optional()).orElseThrow(() -> new NotFoundException("no user " + address));
    }

    /**
     * Sets whether user {@code address} must use app passwords on the mail protocols (their
     * domain's rule applies as well).
     *
     * @throws NotFoundException when there is no such user
     */
    public void setAppPasswordsRequired(String address, boolean required) {
        Address user = Address.of(address);
        int changed = db.run("set login policy of " + user, jdbc -> jdbc.sql("""
                update mail_user u set app_passwords_required = ?
                  from domain d
                 where d.id = u.domain_id and d.name = ? and u.local_part = ?
                """).params(required, user.domain(), user.localPart()).update());
        if (changed == 0) {
            throw new NotFoundException("no user " + address);
        }
    }
}
