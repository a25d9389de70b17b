package org.postroom.admin.security;

import java.net.InetAddress;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginResult.Unavailable;

/**
 * The current password, asked again before a signed-in user or administrator chooses a new one, so
 * that a session left open cannot take the account over. It is checked through the login pipeline:
 * wrong guesses count against the client's address and the account like failed logins, and a
 * throttled client is told how long to wait.
 */
public final class CurrentPassword {

    private final LoginAttempts<?> attempts;
    private final String whenWrong;

    public CurrentPassword(LoginAttempts<?> attempts) {
        this(attempts, "your current password is not right");
    }

    /** Asks {@code attempts} for another secret (a second factor's code), saying {@code whenWrong} when it is wrong. */
    public CurrentPassword(LoginAttempts<?> attempts, String whenWrong) {
        this.attempts = attempts;
        this.whenWrong = whenWrong;
    }

    /** @throws InvalidInputException (shown on the form) when the password is wrong or the client throttled */
    public void confirm(InetAddress client, String login, String password) {
        LoginResult<?> result = attempts.attempt(client, login, password);
        if (result instanceof Throttled<?> throttled) {
            throw new InvalidInputException("too many wrong attempts; try again in " + throttled.retryAfterSeconds() + " s");
        }
        if (result instanceof Unavailable<?> unavailable) {
            throw unavailable.cause();
        }
        if (!(result instanceof Accepted)) {
            throw new InvalidInputException(whenWrong);
        }
    }
}
