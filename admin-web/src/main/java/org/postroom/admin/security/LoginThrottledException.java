package org.postroom.admin.security;

import org.springframework.security.core.AuthenticationException;

/**
 * The client's address or the account failed to log in too often recently; the attempt was
 * refused before any password check and may be repeated after {@link #retryAfterSeconds()}.
 */
final class LoginThrottledException extends AuthenticationException {

    private final long retryAfterSeconds;

    LoginThrottledException(long retryAfterSeconds) {
        super("too many failed logins; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
