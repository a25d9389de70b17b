package org.postroom.admin.antispam;

import org.postroom.storage.spam.SpamPolicy;

import io.swagger.v3.oas.annotations.media.Schema;

/** A domain's spam policy as the API returns and takes it, and the console's form. */
public record SpamPolicyView(
        @Schema(description = "put before the Subject of spam rspamd lets through, e.g. [SPAM]; empty: no tag",
                maxLength = SpamPolicy.MAX_TAG_LENGTH) String subjectTag,
        @Schema(description = "true: hold such spam in the quarantine instead of delivering it") boolean hold) {

    static SpamPolicyView of(SpamPolicy policy) {
        return new SpamPolicyView(policy.subjectTag(), policy.hold());
    }

    SpamPolicy policy() {
        return new SpamPolicy(subjectTag, hold);
    }
}
