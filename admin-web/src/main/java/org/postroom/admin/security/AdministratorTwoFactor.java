package org.postroom.admin.security;

import org.postroom.storage.directory.AdminAccountRepository;

/**
 * Whether every administrator must sign in to the console with a second factor
 * ({@code postroom.admin.two-factor-required}, set by the server): one who has none is sent to
 * enrol at their next sign-in. A server administrator can require it of one administrator too.
 */
public record AdministratorTwoFactor(boolean required) {

    /** True when the server's rule or the administrator's own requires {@code username} to have a second factor. */
    public boolean requiredOf(String username, AdminAccountRepository admins) {
        return required || admins.twoFactorRequired(username);
    }
}
