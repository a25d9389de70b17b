package org.postroom.admin.senders;

import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderListChange;
import org.postroom.storage.senders.SenderLists;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a POST to a sender list, and the console's form: what to put on it, and what it does. */
public record NewSenderRule(
        @Schema(description = "alice@example.org, @example.org, 192.0.2.7 or 192.0.2.0/24", requiredMode = Schema.RequiredMode.REQUIRED) String entry,
        @Schema(allowableValues = { "allow", "block" }, requiredMode = Schema.RequiredMode.REQUIRED) String action) {

    /** Puts this entry on {@code list}, or gives the entry there this action; storage checks both words. */
    SenderListChange putOn(SenderLists lists, SenderList list) {
        return lists.put(list, entry, SenderAction.of(action));
    }
}
