package org.postroom.admin.security;

import java.io.IOException;

import org.postroom.admin.audit.AuditTrail;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Where a right password leads: to the code page or the enrolment page when a second step is
 * missing ({@link PendingSignIn}), else where the form's sign-ins go. The page asked for first
 * stays saved for after the code. A completed sign-in is written into the audit log.
 */
final class SignInSuccess implements AuthenticationSuccessHandler {

    private final SignInForm form;
    private final AuditTrail trail;

    SignInSuccess(SignInForm form, AuditTrail trail) {
        this.form = form;
        this.trail = trail;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        if (authentication instanceof PendingSignIn pending) {
            response.sendRedirect(request.getContextPath() + form.pageFor(pending.step()));
            return;
        }
        trail.signedIn(form.auditChannel(), authentication.getName(), request.getRemoteAddr());
        form.signedIn().onAuthenticationSuccess(request, response, authentication);
    }
}
