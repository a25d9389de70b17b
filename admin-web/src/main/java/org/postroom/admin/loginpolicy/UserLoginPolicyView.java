package org.postroom.admin.loginpolicy;

import org.postroom.storage.directory.UserLoginPolicy;

import io.swagger.v3.oas.annotations.media.Schema;

/** A user's login policy in the API: their own setting, and what their domain's adds. */
public record UserLoginPolicyView(
        @Schema(description = "the user's own setting: SMTP AUTH and POP3 take app passwords only") boolean appPasswordsRequired,
        @Schema(description = "read only: the user's domain requires app passwords", accessMode = Schema.AccessMode.READ_ONLY)
        boolean domainRequiresAppPasswords,
        @Schema(description = "read only: the user's domain requires two-factor sign-in to the account pages",
                accessMode = Schema.AccessMode.READ_ONLY) boolean twoFactorRequired) {

    static UserLoginPolicyView of(UserLoginPolicy policy) {
        return new UserLoginPolicyView(policy.appPasswordsRequired(), policy.domain().appPasswordsRequired(),
                policy.twoFactorRequired());
    }
}
