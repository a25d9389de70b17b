package org.postroom.server.config;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Passwords;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bootstrap administrator of the web console and the REST API.
 *
 * @param username made sure to exist at every start
 * @param password when set, the administrator's password (also to recover a lost one); when unset,
 *        a missing administrator is created with a generated password that is logged once
 * @param twoFactorRequired every administrator must sign in to the console with a second factor
 *        (TOTP); one who has none is sent to enrol at their next sign-in
 */
@ConfigurationProperties("postroom.admin")
public record AdminProperties(@DefaultValue("admin") String username, String password,
        @DefaultValue("false") boolean twoFactorRequired) {

    public AdminProperties {
        try {
            AdminAccountRepository.requireValidUsername(username);
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("postroom.admin.username: " + e.getMessage() + ", not '"
                    + (username == null ? "" : Printable.text(username)) + "'", e);
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password != null) {
            try {
                Passwords.requireStrong(password);
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException("postroom.admin.password is not accepted: " + e.getMessage(), e);
            }
        }
    }

    /** Never shows the password, so that printing the configuration cannot leak it. */
    @Override
    public String toString() {
        return "AdminProperties[username=" + username + ", password=" + (password == null ? "unset" : "(set)")
                + ", twoFactorRequired=" + twoFactorRequired + "]";
    }
}
