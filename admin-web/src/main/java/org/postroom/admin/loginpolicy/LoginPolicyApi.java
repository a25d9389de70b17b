package org.postroom.admin.loginpolicy;

import org.postroom.admin.access.DomainScoped;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.LoginPolicies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Login policies", description = "Whether the mail protocols take app passwords only, and whether a "
        + "domain's users must sign in to their account pages with a second factor")
@DomainScoped
class LoginPolicyApi {

    private final LoginPolicies policies;

    LoginPolicyApi(LoginPolicies policies) {
        this.policies = policies;
    }

    @Operation(summary = "A domain's login policy", description = "404 for an unknown domain.")
    @GetMapping("/api/v1/domains/{name}/login-policy")
    DomainLoginPolicyView domain(@PathVariable String name) {
        return DomainLoginPolicyView.of(policies.ofDomain(name));
    }

    @Operation(summary = "Set a domain's login policy", description = "Both fields; a change counts at the next login. "
            + "404 for an unknown domain.")
    @PutMapping("/api/v1/domains/{name}/login-policy")
    DomainLoginPolicyView setDomain(@PathVariable String name, @RequestBody DomainLoginPolicyView body) {
        if (body == null) {
            throw new InvalidInputException("give appPasswordsRequired and twoFactorRequired");
        }
        return DomainLoginPolicyView.of(policies.setForDomain(name, body.policy()));
    }

    @Operation(summary = "A user's login policy", description = "Their own setting and their domain's rules. 404 for an "
            + "unknown user.")
    @GetMapping("/api/v1/users/{address}/login-policy")
    UserLoginPolicyView user(@PathVariable String address) {
        return UserLoginPolicyView.of(policies.ofUser(address));
    }

    /** What an administrator sets for one user; the domain's rules are set on the domain. */
    record UserRule(Boolean appPasswordsRequired) {
    }

    @Operation(summary = "Set whether a user must use app passwords for mail", description = "The domain's rules stay "
            + "as they are. 400 without appPasswordsRequired; 404 for an unknown user.")
    @PutMapping("/api/v1/users/{address}/login-policy")
    UserLoginPolicyView setUser(@PathVariable String address, @RequestBody UserRule body) {
        if (body == null || body.appPasswordsRequired() == null) {
            throw new InvalidInputException("give appPasswordsRequired");
        }
        policies.setAppPasswordsRequired(address, body.appPasswordsRequired());
        return UserLoginPolicyView.of(policies.ofUser(address));
    }
}
