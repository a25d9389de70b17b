package org.postroom.admin.antispam;

import org.postroom.admin.access.DomainScoped;
import org.postroom.admin.console.Links;
import org.postroom.storage.spam.SpamPolicies;
import org.postroom.storage.spam.SpamPolicy;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The spam policy's form on the domain's page; it goes back to that page. */
@Controller
@DomainScoped
class SpamPolicyPages {

    private final SpamPolicies policies;

    SpamPolicyPages(SpamPolicies policies) {
        this.policies = policies;
    }

    @PostMapping("/domains/{name}/spam-policy")
    String set(@PathVariable String name, @RequestParam(defaultValue = "") String subjectTag,
            @RequestParam(defaultValue = "false") boolean hold, RedirectAttributes redirect) {
        SpamPolicy policy = policies.set(name, new SpamPolicy(subjectTag, hold));
        redirect.addFlashAttribute("notice", policy.hold() ? "Spam for " + name + " is held in the quarantine now."
                : policy.subjectTag().isEmpty() ? "Spam for " + name + " is delivered with its subject unchanged now."
                        : "Spam for " + name + " is delivered with " + policy.subjectTag() + " before its subject now.");
        return "redirect:" + Links.path("domains", name) + "#spam";
    }
}
