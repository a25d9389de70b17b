package org.postroom.storage.quarantine;

import java.time.Instant;
import java.util.List;

import org.postroom.storage.message.MessageCheck;
import org.postroom.storage.message.MessageOrigin;

/**
 * A message in the quarantine, as the console shows it.
 *
 * @param id the stored message's id (its queue id)
 * @param sender the envelope sender, "" for the null sender
 * @param recipients the envelope recipients it was accepted for, in RCPT order
 * @param reason why it was held ({@code dmarc}, {@code spam}, …)
 * @param releasedAt when an administrator released it; null while it is held
 * @param header the message's header section as text (read as UTF-8), at most {@link
 *        org.postroom.storage.message.MessageHead#LIMIT} bytes of it, for its Subject, From and Date without reading the
 *        whole message
 * @param checks the verdicts stored with it, in their order
 */
public record HeldMessage(long id, String sender, MessageOrigin origin, long size, List<String> recipients,
        String reason, Instant heldAt, Instant releasedAt, String header, List<MessageCheck> checks) {

    public HeldMessage {
        recipients = List.copyOf(recipients);
        checks = List.copyOf(checks);
    }

    /** True until an administrator releases it. */
    public boolean held() {
        return releasedAt == null;
    }
}
