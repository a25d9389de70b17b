package org.postroom.storage.directory;

import java.time.Duration;

import org.postroom.storage.StorageUnavailableException;

/**
 * How one login attempt ended, for the protocol to turn into its reply. Exactly one of:
 * <ul>
 * <li>{@link Accepted}: the password is right;
 * <li>{@link Refused}: the login or password is wrong (the two are never told apart);
 * <li>{@link Throttled}: the attempt was not checked at all, because its client or its account
 * failed too often recently;
 * <li>{@link Unavailable}: the database could not be asked; nothing is known about the password.
 * </ul>
 *
 * @param <T> what an accepted login yields: the mail user, or the web's authentication
 */
public sealed interface LoginResult<T> {

    /** The login is right: {@code account} is who logged in. */
    record Accepted<T>(T account) implements LoginResult<T> {
    }

    /**
     * A wrong login or password, counted. The answer should leave no sooner than {@code delay}
     * (zero for an exempt client): a listener holds its reply that long, so a guesser waits.
     */
    record Refused<T>(Duration delay) implements LoginResult<T> {
    }

    /**
     * Not checked: the client ({@link Scope#CLIENT}) or the account ({@link Scope#ACCOUNT}) failed
     * too often recently. Another attempt may succeed after {@code retryAfter} (at least a second).
     */
    record Throttled<T>(Scope scope, Duration retryAfter) implements LoginResult<T> {

        /** The wait in whole seconds, rounded up (HTTP's Retry-After, the protocols' texts). */
        public long retryAfterSeconds() {
            return (retryAfter.toMillis() + 999) / 1000;
        }
    }

    /** The database failed; the client should try again later. */
    record Unavailable<T>(StorageUnavailableException cause) implements LoginResult<T> {
    }

    /** Who a {@link Throttled} attempt is held back for. */
    enum Scope {
        /** the client's address (IPv4) or /64 (IPv6) reached its failure limit for the window */
        CLIENT,
        /** the account waits between attempts after failures from anywhere */
        ACCOUNT
    }
}
