package org.postroom.admin.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The API's answers when a request is not allowed, as {@code application/problem+json} (RFC 9457)
 * like every other API error: 401 with a Bearer (and, unless switched off, a Basic) challenge without
 * (valid) credentials, 429 with
 * Retry-After while the client's address or the account is throttled, 503 when the database cannot
 * check the login, 403 for a valid login that is not an administrator's or whose generated
 * password must be changed first, and for a change sent by another site's page
 * ({@link CrossSiteApiRequests}).
 */
final class ApiAuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final boolean basicEnabled;

    /** {@code basicEnabled}: whether the challenge offers HTTP Basic beside API tokens. */
    ApiAuthenticationProblems(boolean basicEnabled) {
        this.basicEnabled = basicEnabled;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            write(response, HttpStatus.TOO_MANY_REQUESTS, failure.getMessage());
            return;
        }
        if (failure instanceof AuthenticationServiceException) {
            write(response, HttpStatus.SERVICE_UNAVAILABLE, "the database cannot be reached to check the login; try again later");
            return;
        }
        if (basicEnabled) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Postroom\", charset=\"UTF-8\"");
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Postroom\"");
        write(response, HttpStatus.UNAUTHORIZED, basicEnabled
                ? "log in with an API token (Authorization: Bearer) or HTTP Basic as an administrator"
                : "log in with an API token (Authorization: Bearer); HTTP Basic is switched off");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenLogin) {
            write(response, HttpStatus.FORBIDDEN, "this API token may not do this: a read token only reads, "
                    + "and tokens are managed with a password login");
            return;
        }
        write(response, HttpStatus.FORBIDDEN, "only administrators may use the API");
    }

    /** {@link PasswordChangeRequired}'s answer on the API. */
    void passwordChangeRequired(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "this administrator's password was generated and must be changed "
                + "first: sign in to the console and choose your own");
    }

    /** {@code detail} is one of this package's fixed texts (with a number at most), so it needs no JSON escaping. */
    static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
