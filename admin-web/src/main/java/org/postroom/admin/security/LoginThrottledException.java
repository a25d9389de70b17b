package org.postroom.admin.security;

import org.springframework.security.core.AuthenticationException;

/** The client's address failed to log in too often recently; it is refused before any password check. */
final class LoginThrottledException extends AuthenticationException {

    LoginThrottledException() {
        super("too many failed logins from your address; try again in a few minutes");
    }
}
