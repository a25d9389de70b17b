package org.postroom.storage.mailbox;

import java.util.List;

/**
 * What {@link MailStore#deliver} committed. {@code messageId} identifies the stored copy (it is
 * the queue id a client sees in the 250 reply); it is 0 when nothing was stored. A recipient over
 * quota is in {@code overQuota}; when something was stored, every other one is in {@code
 * delivered}, and when nothing was, {@code delivered} is empty.
 */
public record DeliveryReceipt(long messageId, List<String> delivered, List<String> overQuota) {

    public DeliveryReceipt {
        delivered = List.copyOf(delivered);
        overQuota = List.copyOf(overQuota);
    }

    public boolean stored() {
        return messageId != 0;
    }

    /** The id shown to clients and in logs. */
    public String queueId() {
        return Long.toString(messageId);
    }
}
