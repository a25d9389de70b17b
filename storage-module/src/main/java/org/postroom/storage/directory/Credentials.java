package org.postroom.storage.directory;

import java.util.Optional;

/**
 * Where a login's password is checked: the mail users ({@link Authenticator}), or what the web
 * console knows as administrators. The {@link LoginAttempts} pipeline asks only after the attempt
 * is reserved with the throttle.
 *
 * @param <T> who a right login is
 */
@FunctionalInterface
public interface Credentials<T> {

    /**
     * Who {@code login} is when {@code secret} is its password; empty for a wrong password, an
     * unknown login or a disabled account alike, after the same work, so the time taken tells
     * nothing. {@code secret} may be null (never right).
     */
    Optional<T> verify(String login, String secret);
}
