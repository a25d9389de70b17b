package org.postroom.storage.quarantine;

import java.util.List;

/**
 * What {@link Quarantine#release} committed. {@code delivered} and {@code overQuota} are as in
 * {@link org.postroom.storage.mailbox.DeliveryReceipt} (over quota only for mail a user submitted;
 * mail from the internet is released to all its recipients or to none); {@code undeliverable}
 * lists the recipients that take no mail any more (the user or alias was deleted or disabled since
 * the message was held), who got nothing.
 */
public record ReleaseReceipt(long messageId, List<String> delivered, List<String> overQuota,
        List<String> undeliverable) {

    public ReleaseReceipt {
        delivered = List.copyOf(delivered);
        overQuota = List.copyOf(overQuota);
        undeliverable = List.copyOf(undeliverable);
    }
}
