package org.postroom.admin.account;

import java.net.InetAddress;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginResult.Unavailable;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.UserRepository;
import org.springframework.stereotype.Component;

/**
 * A signed-in user changing their own password. The current password is asked again, so that a
 * session left open cannot take the account over; it is checked through the login pipeline, so
 * wrong guesses count against the client's address and the account like failed logins.
 */
@Component
class OwnPasswordChange {

    private final LoginAttempts<AuthenticatedUser> currentPasswords;
    private final UserRepository users;

    OwnPasswordChange(Authenticator authenticator, LoginThrottle throttle, UserRepository users) {
        this.currentPasswords = throttle.attempts(authenticator, LoginProtocol.WEB);
        this.users = users;
    }

    /** @throws InvalidInputException when the current password is wrong, the new ones differ or are too weak */
    void change(String address, PasswordForm form, InetAddress client) {
        LoginResult<AuthenticatedUser> current = currentPasswords.attempt(client, address, form.currentPassword());
        if (current instanceof Throttled<AuthenticatedUser> throttled) {
            throw new InvalidInputException("too many wrong passwords; try again in " + throttled.retryAfterSeconds() + " s");
        }
        if (current instanceof Unavailable<AuthenticatedUser> unavailable) {
            throw unavailable.cause();
        }
        if (!(current instanceof Accepted)) {
            throw new InvalidInputException("your current password is not right");
        }
        if (form.newPassword() == null || !form.newPassword().equals(form.repeatPassword())) {
            throw new InvalidInputException("the new password and its repetition differ");
        }
        users.changePassword(address, form.newPassword());
    }
}
