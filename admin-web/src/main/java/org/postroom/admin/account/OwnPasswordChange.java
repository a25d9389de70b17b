package org.postroom.admin.account;

import java.net.InetAddress;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.UserRepository;
import org.springframework.stereotype.Component;

/**
 * A signed-in user changing their own password. The current password is asked again, so that a
 * session left open cannot take the account over; wrong guesses count against the client's
 * address in the login throttle like failed logins.
 */
@Component
class OwnPasswordChange {

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final UserRepository users;

    OwnPasswordChange(Authenticator authenticator, LoginThrottle throttle, UserRepository users) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.users = users;
    }

    /** @throws InvalidInputException when the current password is wrong, the new ones differ or are too weak */
    void change(String address, PasswordForm form, InetAddress client) {
        if (throttle.isBlocked(client)) {
            throw new InvalidInputException("too many wrong passwords from your address; try again in a few minutes");
        }
        if (authenticator.verify(address, form.currentPassword()).isEmpty()) {
            throttle.delayAfterFailure(client);
            throw new InvalidInputException("your current password is not right");
        }
        if (form.newPassword() == null || !form.newPassword().equals(form.repeatPassword())) {
            throw new InvalidInputException("the new password and its repetition differ");
        }
        users.changePassword(address, form.newPassword());
    }
}
