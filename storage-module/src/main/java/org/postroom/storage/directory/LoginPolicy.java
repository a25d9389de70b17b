package org.postroom.storage.directory;

/**
 * How a domain's users log in, set by an administrator ({@link LoginPolicies}).
 *
 * @param appPasswordsRequired SMTP AUTH and POP3 take app passwords only; the account password
 *        opens only the web pages
 * @param twoFactorRequired every user must enrol a second factor (TOTP) at their next sign-in to
 *        the account pages, and give a code at every sign-in after
 */
public record LoginPolicy(boolean appPasswordsRequired, boolean twoFactorRequired) {

    /** A domain's policy until an administrator changes it: account passwords everywhere, no second factor. */
    public static final LoginPolicy DEFAULT = new LoginPolicy(false, false);
}
