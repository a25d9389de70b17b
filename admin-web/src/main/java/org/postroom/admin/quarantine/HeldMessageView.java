package org.postroom.admin.quarantine;

import java.time.Instant;
import java.util.List;

import org.postroom.admin.console.HeaderFields;
import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.quarantine.HeldMessage;

/**
 * A message in the quarantine as the console and the API show it.
 *
 * @param id the message's queue id
 * @param sender the envelope sender, empty for the null sender
 * @param origin {@code received} (from another server), {@code submitted} or {@code generated}
 * @param reason why it was held: {@code dmarc}, {@code spam}, …
 * @param releasedAt when it was released; null while it is held
 * @param subject the Subject header field, decoded; empty when missing
 * @param from the From header field, decoded; empty when missing
 * @param checks the verdicts of the checks it went through, in their order
 */
public record HeldMessageView(long id, String sender, String origin, long size, List<String> recipients, String reason,
        Instant heldAt, Instant releasedAt, boolean held, String subject, String from, List<MessageCheck> checks) {

    public HeldMessageView {
        recipients = List.copyOf(recipients);
        checks = List.copyOf(checks);
    }

    static HeldMessageView of(HeldMessage message) {
        HeaderFields fields = HeaderFields.of(message.header());
        return new HeldMessageView(message.id(), message.sender(), message.origin().column(), message.size(),
                message.recipients(), message.reason(), message.heldAt(), message.releasedAt(), message.held(),
                fields.subject(), fields.from(), message.checks());
    }
}
