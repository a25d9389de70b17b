package org.postroom.admin.account;

import java.net.InetAddress;

import org.postroom.admin.security.CurrentPassword;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginProtocol;
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

    private final CurrentPassword currentPassword;
    private final UserRepository users;

    OwnPasswordChange(Authenticator authenticator, LoginThrottle throttle, UserRepository users) {
        this.currentPassword = new CurrentPassword(throttle.attempts(authenticator, LoginProtocol.WEB));
        this.users = users;
    }

    /** @throws InvalidInputException when the current password is wrong, the new ones differ or are too weak */
    void change(String address, PasswordForm form, InetAddress client) {
        currentPassword.confirm(client, address, form.currentPassword());
        if (form.newPassword() == null || !form.newPassword().equals(form.repeatPassword())) {
            throw new InvalidInputException("the new password and its repetition differ");
        }
        users.changePassword(address, form.newPassword());
    }
}
