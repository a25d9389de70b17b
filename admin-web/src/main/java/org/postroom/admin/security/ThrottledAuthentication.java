package org.postroom.admin.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.postroom.admin.audit.AuditTrail;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.directory.Credentials;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginResult.Unavailable;
import org.postroom.storage.directory.LoginThrottle;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Web logins through the login pipeline that SMTP AUTH and POP3 share: the client's address and
 * the account are throttled as there, the providers check the password only when the pipeline
 * lets the attempt through, and failures count in {@code postroom.auth.failures} tagged
 * {@code protocol=web}. A held attempt fails with {@link LoginThrottledException} at once, which
 * the login pages and the API answer with 429 and Retry-After: no servlet thread sleeps.
 */
final class ThrottledAuthentication implements AuthenticationManager {

    private final LoginAttempts<Authentication> logins;
    private final AuditTrail trail;
    private final AuditChannel channel;

    /**
     * Tries the providers in order; the login fails only when none accepts it, which is written
     * into the audit log as a failed login over {@code channel}.
     */
    ThrottledAuthentication(AuditTrail trail, AuditChannel channel, LoginThrottle throttle,
            AuthenticationProvider... providers) {
        this.trail = trail;
        this.channel = channel;
        AuthenticationManager checks = new ProviderManager(List.of(providers));
        this.logins = throttle.attempts(Credentials.ofPassword((login, secret) -> check(checks, login, secret)),
                LoginProtocol.WEB);
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        Object password = login.getCredentials();
        InetAddress client = clientAddress(login);
        LoginResult<Authentication> result = logins.attempt(client, login.getName(),
                password == null ? null : password.toString());
        if (result instanceof Accepted<Authentication> accepted) {
            if (accepted.account() instanceof AbstractAuthenticationToken token) {
                token.setDetails(login.getDetails());
            }
            return accepted.account();
        }
        if (result instanceof Throttled<Authentication> throttled) {
            trail.loginFailed(channel, login.getName(), client.getHostAddress(), "throttled");
            throw new LoginThrottledException(throttled.retryAfterSeconds());
        }
        if (result instanceof Unavailable<Authentication> unavailable) {
            throw new AuthenticationServiceException("the database cannot be reached", unavailable.cause());
        }
        trail.loginFailed(channel, login.getName(), client.getHostAddress(), "wrong-password");
        throw new BadCredentialsException("wrong user name or password");
    }

    /** One password check by the providers, the way the pipeline asks for it. */
    private static Optional<Authentication> check(AuthenticationManager checks, String login, String password) {
        try {
            return Optional.of(checks.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(login, password)));
        } catch (BadCredentialsException wrong) {
            return Optional.empty();
        } catch (InternalAuthenticationServiceException e) {
            // a provider that could not look the user up: the database, which the pipeline reports
            if (e.getCause() instanceof StorageUnavailableException down) {
                throw down;
            }
            throw e;
        }
    }

    private static InetAddress clientAddress(Authentication login) {
        if (!(login.getDetails() instanceof WebAuthenticationDetails details)) {
            throw new IllegalStateException("a web login without the client's address");
        }
        try {
            // a literal IP from the connection (or the trusted proxy's header): no DNS lookup
            return InetAddress.getByName(details.getRemoteAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an IP address: " + details.getRemoteAddress(), e);
        }
    }
}
