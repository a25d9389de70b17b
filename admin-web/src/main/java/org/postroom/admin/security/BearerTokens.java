package org.postroom.admin.security;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;

import org.postroom.admin.audit.AuditTrail;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.Verdict;
import org.postroom.storage.tokens.ApiToken;
import org.postroom.storage.tokens.ApiTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Authorization: Bearer <token>} on the API (RFC 6750 §2.1): the token is checked through the
 * login pipeline, so an unknown, expired or revoked one counts against the client (and the token's
 * prefix, the login the throttle sees) like a wrong password, and is answered 401 problem+json and
 * written into the audit log; a valid one is its owner's login ({@link ApiTokenLogin}). A request
 * without a bearer token passes on to HTTP Basic (when enabled) unchanged.
 */
final class BearerTokens extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer ";
    /** What the throttle counts a token's failures under: its prefix ({@code prt_} and eight letters). */
    private static final int LOGIN_LENGTH = 12;
    private static final String TOKEN_MARK = "prt_";
    private static final String NOT_A_TOKEN = "not-a-token";
    private static final String BAD_TOKEN = "unknown-expired-or-revoked-token";

    private final LoginAttempts<ApiToken> logins;
    private final AuditTrail trail;

    BearerTokens(LoginThrottle throttle, ApiTokens tokens, AuditTrail trail) {
        Clock clock = Clock.systemUTC();
        this.logins = throttle.attempts(request -> Verdict.of(
                tokens.authenticate(request.secret(), request.client(), clock.instant()), BAD_TOKEN), LoginProtocol.WEB);
        this.trail = trail;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            chain.doFilter(request, response);
            return;
        }
        String value = authorization.substring(SCHEME.length()).strip();
        // never a piece of whatever else was sent as a token (a password by mistake) in the log and the audit
        String login = value.startsWith(TOKEN_MARK) && value.length() > LOGIN_LENGTH ? value.substring(0, LOGIN_LENGTH)
                : NOT_A_TOKEN;
        LoginResult<ApiToken> result = logins.attempt(InetAddress.getByName(request.getRemoteAddr()), login, value);
        if (result instanceof Accepted<ApiToken> accepted) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new ApiTokenLogin(accepted.account()));
            SecurityContextHolder.setContext(context);
            chain.doFilter(request, response);
            return;
        }
        if (result instanceof Throttled<ApiToken> throttled) {
            trail.loginFailed(AuditChannel.API, login, request.getRemoteAddr(), "throttled");
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            ApiAuthenticationProblems.write(response, HttpStatus.TOO_MANY_REQUESTS,
                    "too many failed logins; try again in " + throttled.retryAfterSeconds() + " seconds");
            return;
        }
        if (result instanceof LoginResult.Unavailable<ApiToken>) {
            ApiAuthenticationProblems.write(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "the database cannot be reached to check the login; try again later");
            return;
        }
        trail.loginFailed(AuditChannel.API, login, request.getRemoteAddr(), BAD_TOKEN);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Postroom\", error=\"invalid_token\"");
        ApiAuthenticationProblems.write(response, HttpStatus.UNAUTHORIZED, "the API token is unknown, expired or revoked");
    }
}
