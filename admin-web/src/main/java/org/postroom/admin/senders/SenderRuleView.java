package org.postroom.admin.senders;

import java.time.Instant;
import java.util.List;

import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.senders.SenderRule;

import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of a sender list, as the API returns it and the console lists it. */
public record SenderRuleView(
        @Schema(description = "an address, @domain, an IP address or a CIDR network, in canonical form") String entry,
        @Schema(allowableValues = { "allow", "block" }) String action, Instant createdAt) {

    public static SenderRuleView of(SenderRule rule) {
        return new SenderRuleView(rule.entry(), rule.action().word(), rule.createdAt());
    }

    /** The entries of {@code list}, in storage's order. */
    static List<SenderRuleView> entriesOf(SenderLists lists, SenderList list) {
        return lists.list(list).stream().map(SenderRuleView::of).toList();
    }
}
