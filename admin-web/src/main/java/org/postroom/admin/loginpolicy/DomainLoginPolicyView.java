package org.postroom.admin.loginpolicy;

import org.postroom.storage.directory.LoginPolicy;

import io.swagger.v3.oas.annotations.media.Schema;

/** A domain's login policy in the API. */
public record DomainLoginPolicyView(
        @Schema(description = "true: SMTP AUTH and POP3 take app passwords only; the account password opens only "
                + "the web pages") boolean appPasswordsRequired,
        @Schema(description = "true: every user of the domain must sign in to the account pages with a second "
                + "factor (TOTP), enrolling at their next sign-in") boolean twoFactorRequired) {

    static DomainLoginPolicyView of(LoginPolicy policy) {
        return new DomainLoginPolicyView(policy.appPasswordsRequired(), policy.twoFactorRequired());
    }

    LoginPolicy policy() {
        return new LoginPolicy(appPasswordsRequired, twoFactorRequired);
    }
}
