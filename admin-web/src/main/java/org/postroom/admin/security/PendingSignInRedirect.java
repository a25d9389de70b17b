package org.postroom.admin.security;

import java.io.IOException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A half-signed-in user ({@link PendingSignIn}) who asks for any other page is sent back to the
 * page of their missing step; everyone else denied gets the usual 403.
 */
final class PendingSignInRedirect implements AccessDeniedHandler {

    private final SignInForm form;
    private final AccessDeniedHandler denied = new AccessDeniedHandlerImpl();

    PendingSignInRedirect(SignInForm form) {
        this.form = form;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refusal)
            throws IOException, ServletException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn instanceof PendingSignIn pending) {
            response.sendRedirect(request.getContextPath() + form.pageFor(pending.step()));
            return;
        }
        denied.handle(request, response, refusal);
    }
}
