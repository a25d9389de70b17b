package org.postroom.admin.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import org.postroom.storage.Printable;
import org.postroom.storage.directory.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Checks web logins against the failed-login throttle that SMTP AUTH and POP3 share: a client
 * address that failed too often recently is refused before any password is checked, and every
 * failure is recorded and answered only after the throttle's growing delay, so guessing passwords
 * over HTTP is as slow as over the mail protocols.
 */
final class ThrottledAuthentication implements AuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthentication.class);

    private final LoginThrottle throttle;
    private final AuthenticationManager providers;

    /** Tries the providers in order; the login fails only when none accepts it. */
    ThrottledAuthentication(LoginThrottle throttle, AuthenticationProvider... providers) {
        this.throttle = throttle;
        this.providers = new ProviderManager(List.of(providers));
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        InetAddress client = clientAddress(login);
        if (throttle.isBlocked(client)) {
            log.info("web login refused for {} from {}: too many recent failures", Printable.of(login.getName()),
                    client.getHostAddress());
            throw new LoginThrottledException();
        }
        try {
            return providers.authenticate(login);
        } catch (BadCredentialsException e) {
            Duration delay = throttle.delayAfterFailure(client);
            log.info("web login failed for {} from {}", Printable.of(login.getName()), client.getHostAddress());
            pause(delay);
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

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
