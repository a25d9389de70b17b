package org.postroom.admin.quarantine;

import java.time.Instant;

import org.postroom.admin.console.HeaderFields;
import org.postroom.storage.quarantine.HeldMessage;

/**
 * A held message as its user sees it on their account page: when, from whom, what about, and why.
 * Never its envelope recipients (the other addresses it was for, blind copies among them) nor the
 * details of the checks.
 *
 * @param sender the envelope sender, empty for the null sender
 * @param from the From header field, decoded; empty when missing
 * @param subject the Subject header field, decoded; empty when missing
 * @param reason why it was held: {@code dmarc}, {@code spam}, …
 */
public record OwnHeldMessage(long id, Instant heldAt, String sender, String from, String subject, String reason,
        long size) {

    static OwnHeldMessage of(HeldMessage message) {
        HeaderFields fields = HeaderFields.of(message.header());
        return new OwnHeldMessage(message.id(), message.heldAt(), message.sender(), fields.from(), fields.subject(),
                message.reason(), message.size());
    }
}
