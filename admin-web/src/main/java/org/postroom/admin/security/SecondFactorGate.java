package org.postroom.admin.security;

import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The first step of a sign-in at a login form: the password, through the login pipeline; when it
 * is right, a user with a second factor gets a {@link PendingSignIn} that asks for a code, and a
 * user whom a rule requires to have one (their domain's {@link LoginPolicies login policy}, or
 * {@link AdministratorTwoFactor} for the console) but has none gets one that asks them to enrol.
 * Everyone else is signed in at once.
 */
final class SecondFactorGate implements AuthenticationManager {

    /** Whether a rule requires the named user of a form to have a second factor. */
    @FunctionalInterface
    interface Rule {
        boolean requires(String name);
    }

    private final AuthenticationManager password;
    private final SignInForm form;
    private final SecondFactors factors;
    private final Rule rule;

    SecondFactorGate(AuthenticationManager password, SignInForm form, SecondFactors factors, Rule rule) {
        this.password = password;
        this.form = form;
        this.factors = factors;
        this.rule = rule;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        Authentication signedIn = password.authenticate(login);
        SecondFactorOwner owner = form.owner(signedIn.getName());
        try {
            if (factors.isEnrolled(owner)) {
                return new PendingSignIn(signedIn, PendingSignIn.Step.CODE);
            }
            if (rule.requires(signedIn.getName())) {
                return new PendingSignIn(signedIn, PendingSignIn.Step.ENROL);
            }
        } catch (StorageUnavailableException e) {
            // the login form answers it as it answers a password that could not be checked: 503
            throw new AuthenticationServiceException("the database cannot be reached", e);
        }
        return signedIn;
    }
}
