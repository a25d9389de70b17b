package org.postroom.admin.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How a login form answers a failed sign-in: a wrong password goes back to the form saying so
 * ({@code ?failed}); a throttled attempt gets 429 with Retry-After (RFC 6585 §4) and the form
 * saying how long to wait; a database that cannot be reached gets 503 and the form saying so.
 * The two pages come straight in answer to the POST, as the form's own page renders them.
 */
final class LoginFailures implements AuthenticationFailureHandler {

    private final String loginPage;

    LoginFailures(String loginPage) {
        this.loginPage = loginPage;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException, ServletException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            showLoginPage(request, response, "blocked=" + throttled.retryAfterSeconds());
        } else if (failure instanceof AuthenticationServiceException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            showLoginPage(request, response, "unavailable");
        } else {
            response.sendRedirect(request.getContextPath() + loginPage + "?failed");
        }
    }

    /** The login page, rendered by its GET handler (as a GET, so the login filter does not take it again). */
    private void showLoginPage(HttpServletRequest request, HttpServletResponse response, String query)
            throws IOException, ServletException {
        HttpServletRequest asGet = new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return HttpMethod.GET.name();
            }
        };
        request.getRequestDispatcher(loginPage + "?" + query).forward(asGet, response);
    }
}
