package org.postroom.storage.directory;

import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where a login's secret is checked: the mail users ({@link Authenticator}: the account password,
 * and app passwords on the mail protocols), what the web console knows as administrators, or a
 * second factor. The {@link LoginAttempts} pipeline asks only after the attempt is reserved with
 * the throttle.
 *
 * @param <T> who a right login is
 */
@FunctionalInterface
public interface Credentials<T> {

    /**
     * Who the request's login is when its secret is right; a {@link Verdict.Mismatch} naming the
     * reason (for the log line, never for the client) otherwise. A wrong secret, an unknown login
     * and a disabled account take the same work, so the time taken tells nothing. The secret may
     * be null (never right).
     */
    Verdict<T> check(LoginRequest request);

    /**
     * Credentials that know a login and its password only: whatever {@code verify} does not
     * accept is a {@code wrong-password}.
     */
    static <T> Credentials<T> ofPassword(BiFunction<String, String, Optional<T>> verify) {
        return request -> Verdict.of(verify.apply(request.login(), request.secret()), Verdict.WRONG_PASSWORD);
    }
}
