package org.postroom.admin.security;

import java.io.IOException;

import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The two sign-in forms of the web side, the console's (administrators) and the account pages'
 * (mail users), with the pages of their second step: the code page (a TOTP code or a recovery code,
 * for those who enrolled) and the enrolment page (for those whom a rule makes enrol first). Each
 * keeps its signed-in user in a session attribute of its own, so both logins live apart in one
 * browser.
 */
public enum SignInForm {

    CONSOLE("", "/login", AdminAccounts.ROLE, SecondFactorOwner.Kind.ADMIN, "SPRING_SECURITY_CONTEXT", false),
    ACCOUNT("/account", "/account/login", MailUserAuthentication.ROLE, SecondFactorOwner.Kind.USER,
            "POSTROOM_ACCOUNT_SECURITY_CONTEXT", true);

    private final String base;
    private final String loginPage;
    private final String role;
    private final SecondFactorOwner.Kind kind;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();

    SignInForm(String base, String loginPage, String role, SecondFactorOwner.Kind kind, String contextKey,
            boolean alwaysHome) {
        this.base = base;
        this.loginPage = loginPage;
        this.role = role;
        this.kind = kind;
        contexts.setSpringSecurityContextKey(contextKey);
        // the console goes back to the page that asked for the login; the account pages always start at home
        signedIn.setDefaultTargetUrl(base.isEmpty() ? "/" : base);
        signedIn.setAlwaysUseDefaultTargetUrl(alwaysHome);
    }

    /** The audit log's name for where this form's sign-ins come from. */
    public AuditChannel auditChannel() {
        return this == CONSOLE ? AuditChannel.CONSOLE : AuditChannel.ACCOUNT;
    }

    /** Where this form's pages live: {@code ""} for the console, {@code /account}. */
    public String base() {
        return base;
    }

    public String loginPage() {
        return loginPage;
    }

    /** The second step of the sign-in: a code of the user's authenticator app or a recovery code. */
    public String codePage() {
        return loginPage + "/code";
    }

    /** Where the form's users sign out (a POST). */
    public String logoutPage() {
        return base + "/logout";
    }

    /** The form whose pages {@code path} (a request's path, without the context path) is among. */
    public static SignInForm of(String path) {
        return path.equals(ACCOUNT.base) || path.startsWith(ACCOUNT.base + "/") ? ACCOUNT : CONSOLE;
    }

    /** The page that enrols (and manages) the second factor. */
    public String twoFactorPage() {
        return base + "/two-factor";
    }

    /** The page of a pending sign-in's missing step. */
    public String pageFor(PendingSignIn.Step step) {
        return step == PendingSignIn.Step.CODE ? codePage() : twoFactorPage();
    }

    String role() {
        return role;
    }

    /** Whose second factor a sign-in at this form checks. */
    public SecondFactorOwner owner(String name) {
        return kind == SecondFactorOwner.Kind.USER ? SecondFactorOwner.user(name) : SecondFactorOwner.admin(name);
    }

    public SecondFactorOwner.Kind kind() {
        return kind;
    }

    HttpSessionSecurityContextRepository contexts() {
        return contexts;
    }

    /** Where a sign-in that needs no second step goes: back to the page asked for, or home. */
    AuthenticationSuccessHandler signedIn() {
        return signedIn;
    }

    /**
     * Signs {@code full} in for good, in a new session id (the half-signed-in one may have been
     * seen): from now on it is in the session of this form.
     */
    public void complete(HttpServletRequest request, HttpServletResponse response, Authentication full) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
    }

    /** {@link #complete} and then on to the page the user first asked for, or home. */
    public void completeAndContinue(HttpServletRequest request, HttpServletResponse response, Authentication full)
            throws IOException, ServletException {
        complete(request, response, full);
        signedIn.onAuthenticationSuccess(request, response, full);
    }
}
