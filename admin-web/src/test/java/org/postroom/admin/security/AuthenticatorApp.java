package org.postroom.admin.security;

import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;
import org.postroom.storage.twofactor.Totp;

/**
 * What a user's authenticator app does, for the tests: it holds the secret read from the enrolment
 * page and computes codes from it (RFC 6238). The server takes each step's code once and accepts the
 * next step's early, so {@link #nextCode()} gives the code of the current step or, when that was
 * used already, of the next one; only when that was used too does it wait for the clock.
 */
public final class AuthenticatorApp {

    private final String secret;
    private long lastStep = Long.MIN_VALUE;

    public AuthenticatorApp(String secretAsShown) {
        this.secret = secretAsShown.replace(" ", "");
    }

    /** A code the server has not accepted yet. */
    public String nextCode() {
        long step = Math.max(Totp.step(Instant.now()), lastStep + 1);
        Awaitility.await().atMost(Duration.ofSeconds(35)).until(() -> Totp.step(Instant.now()) + 1 >= step);
        lastStep = step;
        return Totp.code(secret, step);
    }

    /** The code {@link #nextCode()} gave last: a replay. */
    public String lastCode() {
        return Totp.code(secret, lastStep);
    }
}
