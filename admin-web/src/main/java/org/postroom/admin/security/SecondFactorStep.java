package org.postroom.admin.security;

import java.io.IOException;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.Map;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.audit.AuditTrail;
import org.postroom.admin.audit.AuditedElsewhere;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The second step of a sign-in at either form: a code of the user's authenticator app or one of
 * their recovery codes, checked through the login pipeline (so wrong codes count against the
 * client's address and the account like wrong passwords, and a throttled client gets 429 with
 * Retry-After). Only a {@link PendingSignIn} that asks for a code reaches these pages.
 */
@Controller
@NoDomainData
class SecondFactorStep {

    private static final String VIEW = "security/code";

    private final Map<SignInForm, LoginAttempts<SecondFactorOwner>> codes = new EnumMap<>(SignInForm.class);

    private final AuditTrail trail;

    SecondFactorStep(LoginThrottle throttle, SecondFactors factors, AuditTrail trail) {
        this.trail = trail;
        for (SignInForm form : SignInForm.values()) {
            codes.put(form, throttle.attempts(factors.credentials(form.kind()), LoginProtocol.WEB));
        }
    }

    @GetMapping({ "/login/code", "/account/login/code" })
    ModelAndView page(HttpServletRequest request) {
        return view(SignInForm.of(request.getServletPath()), HttpStatus.OK);
    }

    @PostMapping({ "/login/code", "/account/login/code" })
    @AuditedElsewhere
    ModelAndView check(@RequestParam(defaultValue = "") String code, Authentication pending,
            HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        SignInForm form = SignInForm.of(request.getServletPath());
        LoginResult<SecondFactorOwner> result = codes.get(form).attempt(InetAddress.getByName(request.getRemoteAddr()),
                pending.getName(), code);
        if (!(result instanceof LoginResult.Unavailable<SecondFactorOwner>)) {
            if (result instanceof Accepted<SecondFactorOwner>) {
                trail.signedIn(form.auditChannel(), pending.getName(), request.getRemoteAddr());
            } else {
                trail.loginFailed(form.auditChannel(), pending.getName(), request.getRemoteAddr(),
                        result instanceof Throttled<SecondFactorOwner> ? "throttled" : "wrong-code");
            }
        }
        if (result instanceof Accepted<SecondFactorOwner>) {
            form.completeAndContinue(request, response, ((PendingSignIn) pending).signedIn());
            return null;
        }
        if (result instanceof Throttled<SecondFactorOwner> throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            return view(form, HttpStatus.TOO_MANY_REQUESTS).addObject("blocked", throttled.retryAfterSeconds());
        }
        if (result instanceof LoginResult.Unavailable<SecondFactorOwner>) {
            return view(form, HttpStatus.SERVICE_UNAVAILABLE).addObject("unavailable", true);
        }
        return new ModelAndView("redirect:" + form.codePage() + "?failed");
    }

    private static ModelAndView view(SignInForm form, HttpStatus status) {
        ModelAndView view = new ModelAndView(VIEW, status);
        view.addObject("form", form);
        return view;
    }
}
