package org.postroom.admin.senders;

import java.time.Instant;

import org.postroom.storage.senders.SenderRule;

import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of a sender list, as the API returns it and the console lists it. */
public record SenderRuleView(
        @Schema(description = "an address, @domain, an IP address or a CIDR network, in canonical form") String entry,
        @Schema(allowableValues = { "allow", "block" }) String action, Instant createdAt) {

    public static SenderRuleView of(SenderRule rule) {
        return new SenderRuleView(rule.entry(), rule.action().word(), rule.createdAt());
    }
}
