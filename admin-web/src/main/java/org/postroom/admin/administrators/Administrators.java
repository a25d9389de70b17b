package org.postroom.admin.administrators;

import java.security.Principal;
import java.util.List;

import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Administrator;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.directory.Passwords;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the console's pages and the API do to administrators, written once: each change logged
 * once with who made it (never a password). Passwords set here are generated and must be changed
 * at the next sign-in: the one who set it has seen it.
 */
@Component
class Administrators {

    private static final Logger log = LoggerFactory.getLogger(Administrators.class);

    private final AdminAccountRepository admins;
    private final SecondFactors factors;

    Administrators(AdminAccountRepository admins, SecondFactors factors) {
        this.admins = admins;
        this.factors = factors;
    }

    List<Administrator> list() {
        return admins.list();
    }

    /** @throws NotFoundException when there is no such administrator */
    Administrator find(String username) {
        return admins.find(username).orElseThrow(() -> new NotFoundException("no administrator " + username));
    }

    /** Creates the administrator and answers their generated password. */
    String create(String username, AdministratorScope scope, Principal by) {
        requireDomainsGiven(scope);
        String password = Passwords.generate();
        admins.createWithGeneratedPassword(username, password, scope);
        log.info("administrator {} created as {} by {}", Printable.text(username), describe(scope), by.getName());
        return password;
    }

    void changeScope(String username, AdministratorScope scope, Principal by) {
        requireDomainsGiven(scope);
        admins.changeScope(username, scope);
        log.info("administrator {} made {} by {}", Printable.text(username), describe(scope), by.getName());
    }

    /** Sets a generated password they must change at their next sign-in, and answers it. */
    String resetPassword(String username, Principal by) {
        String password = Passwords.generate();
        admins.resetPassword(username, password);
        log.info("password of administrator {} reset by {}", Printable.text(username), by.getName());
        return password;
    }

    void requireTwoFactor(String username, boolean required, Principal by) {
        admins.setTwoFactorRequired(username, required);
        log.info("second factor of administrator {} {} by {}", Printable.text(username),
                required ? "required" : "no longer required", by.getName());
    }

    /** Removes their second factor: they sign in with the password alone, or enrol again when a rule requires one. */
    void resetTwoFactor(String username, Principal by) {
        find(username);
        factors.remove(SecondFactorOwner.admin(username));
        log.info("second factor of administrator {} removed by {}", Printable.text(username), by.getName());
    }

    /** @throws ConflictException for oneself (someone else must do it) and for the last server administrator */
    void delete(String username, Principal by) {
        if (username.equals(by.getName())) {
            throw new ConflictException("you cannot delete yourself: another server administrator can");
        }
        admins.delete(username);
        log.info("administrator {} deleted by {}", Printable.text(username), by.getName());
    }

    private static void requireDomainsGiven(AdministratorScope scope) {
        if (!scope.server() && scope.domains().isEmpty()) {
            throw new InvalidInputException("a domain administrator needs at least one domain");
        }
    }

    private static String describe(AdministratorScope scope) {
        return scope.server() ? "server administrator" : "administrator of " + String.join(", ", scope.domains());
    }
}
