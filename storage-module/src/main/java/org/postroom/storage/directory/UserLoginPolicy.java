package org.postroom.storage.directory;

/**
 * How one user logs in: their own setting and their domain's {@link LoginPolicy}.
 *
 * @param appPasswordsRequired the user's own setting: app passwords only on the mail protocols
 * @param domain their domain's policy, which applies as well
 */
public record UserLoginPolicy(boolean appPasswordsRequired, LoginPolicy domain) {

    /** True when SMTP AUTH and POP3 refuse this user's account password (their setting or their domain's). */
    public boolean appPasswordsOnlyForMail() {
        return appPasswordsRequired || domain.appPasswordsRequired();
    }

    /** True when the user must sign in to the account pages with a second factor (their domain's setting). */
    public boolean twoFactorRequired() {
        return domain.twoFactorRequired();
    }
}
