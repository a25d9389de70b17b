package org.postroom.admin.loginpolicy;

import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Links;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The login policy's forms on a domain's and a user's page; each goes back to that page. */
@Controller
@DomainScoped
class LoginPolicyPages {

    private final LoginPolicies policies;

    LoginPolicyPages(LoginPolicies policies) {
        this.policies = policies;
    }

    @PostMapping("/domains/{name}/login-policy")
    String setDomain(@PathVariable String name, @RequestParam(defaultValue = "false") boolean appPasswordsRequired,
            @RequestParam(defaultValue = "false") boolean twoFactorRequired, RedirectAttributes redirect) {
        LoginPolicy policy = policies.setForDomain(name, new LoginPolicy(appPasswordsRequired, twoFactorRequired));
        redirect.addFlashAttribute("notice", "Users of " + name + " sign in to mail with "
                + (policy.appPasswordsRequired() ? "app passwords only" : "their password or an app password")
                + (policy.twoFactorRequired() ? ", and to their account page with a second factor." : "."));
        return "redirect:" + Links.path("domains", name) + "#login";
    }

    @PostMapping("/users/{address}/login-policy")
    String setUser(@PathVariable String address, @RequestParam(defaultValue = "false") boolean appPasswordsRequired,
            RedirectAttributes redirect) {
        policies.setAppPasswordsRequired(address, appPasswordsRequired);
        redirect.addFlashAttribute("notice", appPasswordsRequired
                ? address + " signs in to mail with app passwords only now."
                : address + " signs in to mail with their password or an app password now (unless their domain requires"
                        + " app passwords).");
        return "redirect:" + Links.path("users", address) + "#login";
    }
}
