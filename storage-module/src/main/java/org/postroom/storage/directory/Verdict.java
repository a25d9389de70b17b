package org.postroom.storage.directory;

import java.util.Optional;

/**
 * What {@link Credentials} made of one login's secret: a {@link Match} with the account, or a
 * {@link Mismatch} with the reason the pipeline's log line names. The client is never told the
 * reason: every mismatch is the same refusal to it.
 *
 * @param <T> who a right login is
 */
public sealed interface Verdict<T> {

    /** The usual reason: the login is unknown or disabled, or the secret is not its password. */
    String WRONG_PASSWORD = "wrong-password";

    /** The secret is right: {@code account} is who logged in. */
    record Match<T>(T account) implements Verdict<T> {
    }

    /** The secret is not accepted; {@code reason} is a short lower-case key for the log. */
    record Mismatch<T>(String reason) implements Verdict<T> {
    }

    /** A match with the account when there is one, else a mismatch for {@code reason}. */
    static <T> Verdict<T> of(Optional<T> account, String reason) {
        return account.<Verdict<T>>map(Match::new).orElseGet(() -> new Mismatch<>(reason));
    }
}
