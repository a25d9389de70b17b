package org.postroom.admin.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A sign-in whose password was right but whose second step is still to come: it opens only the
 * code page ({@link Step#CODE}) or the enrolment page ({@link Step#ENROL}), never the pages of
 * the role. {@link #signedIn()} is the full sign-in that the second step completes.
 */
public final class PendingSignIn extends AbstractAuthenticationToken {

    /** What is missing. */
    public enum Step {
        /** a code of the enrolled authenticator app, or a recovery code */
        CODE,
        /** a rule requires a second factor and there is none yet */
        ENROL;

        /** The authority a pending sign-in of this step has, which only its page asks for. */
        public String authority() {
            return "SIGN_IN_" + name();
        }
    }

    private final Authentication signedIn;
    private final Step step;

    PendingSignIn(Authentication signedIn, Step step) {
        super(List.of(new SimpleGrantedAuthority(step.authority())));
        this.signedIn = signedIn;
        this.step = step;
        setDetails(signedIn.getDetails());
        setAuthenticated(true);
    }

    public Step step() {
        return step;
    }

    /** The sign-in as it will be once the second step is done. */
    public Authentication signedIn() {
        return signedIn;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return signedIn.getName();
    }
}
