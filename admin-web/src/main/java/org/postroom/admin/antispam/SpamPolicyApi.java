package org.postroom.admin.antispam;

import org.postroom.admin.access.DomainScoped;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.spam.SpamPolicies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Spam policies", description = "What a domain does with mail the spam filter (rspamd) scores as spam "
        + "without refusing it: deliver it with a subject tag, or hold it in the quarantine")
@RequestMapping("/api/v1/domains/{name}/spam-policy")
@DomainScoped
class SpamPolicyApi {

    private final SpamPolicies policies;

    SpamPolicyApi(SpamPolicies policies) {
        this.policies = policies;
    }

    @Operation(summary = "A domain's spam policy", description = "A domain never set has subjectTag [SPAM], hold false.")
    @GetMapping
    SpamPolicyView get(@PathVariable String name) {
        return SpamPolicyView.of(policies.of(name));
    }

    @Operation(summary = "Set a domain's spam policy", description = "400 for a tag over 64 characters or with "
            + "control characters; 404 for an unknown domain.")
    @PutMapping
    SpamPolicyView set(@PathVariable String name, @RequestBody SpamPolicyView body) {
        if (body == null) {
            throw new InvalidInputException("give subjectTag and hold");
        }
        return SpamPolicyView.of(policies.set(name, body.policy()));
    }
}
