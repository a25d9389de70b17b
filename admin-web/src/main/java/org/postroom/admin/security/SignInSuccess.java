package org.postroom.admin.security;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a right password leads: to the code page or the enrolment page when a second step is
 * missing ({@link PendingSignIn}), else where the form's sign-ins go. The page asked for first
 * stays saved for after the code.
 */
final class SignInSuccess implements AuthenticationSuccessHandler {

    private final SignInForm form;

    SignInSuccess(SignInForm form) {
        this.form = form;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        if (authentication instanceof PendingSignIn pending) {
            response.sendRedirect(request.getContextPath() + form.pageFor(pending.step()));
            return;
        }
        form.signedIn().onAuthenticationSuccess(request, response, authentication);
    }
}
