package org.postroom.admin.access;

/**
 * A domain administrator asked for a domain, user, alias or held message that is not of their
 * domains: answered 404 with the words an unknown one gets, so that whether it exists is not told.
 */
public final class OutsideYourDomains extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutsideYourDomains(String what) {
        super("no " + what);
    }
}
