package org.postroom.admin.security;


import org.postroom.storage.ConflictException;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Passwords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Makes sure the configured administrator exists when the server starts, so a new installation
 * can be logged in to at once.
 *
 * <p>With a configured password the administrator gets it: created with it, or set to it when it
 * changed (the operator's way to recover a lost password). Without one, a missing administrator
 * is created with a generated password that is logged exactly once, now; nothing else ever logs
 * a password. Since a log is read by more people than the administrator, that password works only
 * to sign in and choose one's own ({@link PasswordChangeRequired}).
 */
public final class BootstrapAdministrator implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);

    private final AdminAccountRepository admins;
    private final String username;
    private final String configuredPassword;

    /** @param configuredPassword null when the operator set none */
    public BootstrapAdministrator(AdminAccountRepository admins, String username, String configuredPassword) {
        this.admins = admins;
        this.username = username;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureExists();
    }

    /** Creates or updates the administrator as described above; safe when several processes start together. */
    public void ensureExists() {
        boolean exists = admins.passwordHash(username).isPresent();
        if (exists) {
            updateToConfiguredPassword();
            return;
        }
        String password = configuredPassword != null ? configuredPassword : Passwords.generate();
        try {
            if (configuredPassword != null) {
                admins.create(username, password);
            } else {
                admins.createWithGeneratedPassword(username, password);
            }
        } catch (ConflictException createdMeanwhile) {
            // another Postroom process sharing the database created it a moment ago
            return;
        }
        if (configuredPassword == null) {
            log.warn("created administrator '{}' with the generated password {} - it is shown only this once "
                    + "and works only to sign in to the console and choose your own (or set postroom.admin.password)",
                    username, password);
        } else {
            log.info("created administrator '{}' with the password from postroom.admin.password", username);
        }
    }

    private void updateToConfiguredPassword() {
        if (configuredPassword == null) {
            return;
        }
        boolean unchanged = admins.passwordHash(username)
                .map(hash -> Passwords.encoder().matches(configuredPassword, hash)).orElse(false);
        if (!unchanged) {
            admins.changePassword(username, configuredPassword);
            log.info("set the password of administrator '{}' from postroom.admin.password", username);
        }
    }
}
