package org.postroom.storage.directory;

import java.net.InetAddress;
import org.postroom.storage.Printable;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Refused;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginResult.Unavailable;
import org.postroom.storage.directory.LoginThrottle.Reservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one login pipeline, for SMTP AUTH, POP3 and the web login: reserve the attempt with the
 * {@link LoginThrottle} (client and account), check the password only when the throttle lets it
 * through, give the reservation back when it was right; a refused or held attempt counts in
 * {@code postroom.auth.failures} tagged with the protocol and is logged once with its reason (the
 * credentials' {@link Verdict.Mismatch#reason}, e.g. {@code wrong-password} or
 * {@code app-password-required}; the client only ever learns that the login was refused). The
 * protocols only turn the {@link LoginResult} into their replies. Made by {@link LoginThrottle#attempts}.
 *
 * <p>A successful login costs three statements (reserve, look up, release), a wrong one two.
 */
public final class LoginAttempts<T> {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
    /** The reason logged for a login with a character no account name has. */
    static final String UNUSABLE_LOGIN = "unusable-login";

    private final LoginThrottle throttle;
    private final Credentials<T> credentials;
    private final LoginProtocol protocol;
    private final Counter failures;

    LoginAttempts(LoginThrottle throttle, Credentials<T> credentials, LoginProtocol protocol, MeterRegistry meters) {
        this.throttle = throttle;
        this.credentials = credentials;
        this.protocol = protocol;
        this.failures = Counter.builder("postroom.auth.failures")
                .description("logins refused: wrong login or password, or the client or account throttled")
                .tag("protocol", protocol.tag()).register(meters);
    }

    /** Tries {@code login} with {@code secret} from {@code client}; see {@link LoginResult} for the outcomes. */
    public LoginResult<T> attempt(InetAddress client, String login, String secret) {
        try {
            Reservation reservation = throttle.reserve(client, login);
            if (reservation instanceof Reservation.Held held) {
                refused(client, login, held.scope() == LoginResult.Scope.CLIENT ? "client-throttled" : "account-throttled");
                return new Throttled<>(held.scope(), held.retryAfter());
            }
            Reservation.Reserved reserved = (Reservation.Reserved) reservation;
            Verdict<T> verdict = isUnusable(login) ? new Verdict.Mismatch<>(UNUSABLE_LOGIN)
                    : credentials.check(new LoginRequest(protocol, client, login, secret));
            if (verdict instanceof Verdict.Match<T> match) {
                throttle.release(reserved);
                return new Accepted<>(match.account());
            }
            refused(client, login, ((Verdict.Mismatch<T>) verdict).reason());
            return new Refused<>(throttle.delayAfterFailure(reserved));
        } catch (StorageUnavailableException e) {
            log.warn("{} login of {} from {} not checked: {}", protocol.tag(), Printable.of(login), client.getHostAddress(),
                    e.getMessage());
            return new Unavailable<>(e);
        }
    }

    /**
     * A login no account has: no name has a control character, and PostgreSQL's text cannot even
     * hold a NUL, so looking one up would fail as if the database were down.
     */
    private static boolean isUnusable(String login) {
        return login.chars().anyMatch(Character::isISOControl);
    }

    private void refused(InetAddress client, String login, String reason) {
        failures.increment();
        log.info("{} login refused for {} from {}: {}", protocol.tag(), Printable.of(login), client.getHostAddress(), reason);
    }
}
