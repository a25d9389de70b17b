package org.postroom.admin.security;

import java.io.IOException;

import org.postroom.storage.directory.AdminAccountRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An administrator who still has the password Postroom generated and printed to the log at the
 * first start may do nothing but choose their own: the console sends every page to the
 * change-password page, the API answers 403. The flag is read on every request of a signed-in
 * administrator (one lookup by primary key), so a change made elsewhere (another session, the
 * command line, the configuration) counts at once.
 */
final class PasswordChangeRequired extends OncePerRequestFilter {

    /** What the client gets instead of what it asked for. */
    @FunctionalInterface
    interface Answer {
        void send(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    static final String CHANGE_PAGE = "/password";

    private final AdminAccountRepository admins;
    private final RequestMatcher stillAllowed;
    private final Answer answer;

    /** @param stillAllowed what the administrator may reach before the change (the change page itself, signing out) */
    PasswordChangeRequired(AdminAccountRepository admins, RequestMatcher stillAllowed, Answer answer) {
        this.admins = admins;
        this.stillAllowed = stillAllowed;
        this.answer = answer;
    }

    /** The console's answer: the change-password page. */
    static void redirectToChangePage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + CHANGE_PAGE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && isAdministrator(signedIn) && !stillAllowed.matches(request)
                && admins.mustChangePassword(signedIn.getName())) {
            answer.send(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isAdministrator(Authentication signedIn) {
        return signedIn.isAuthenticated() && signedIn.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + AdminAccounts.ROLE).equals(authority.getAuthority()));
    }
}
