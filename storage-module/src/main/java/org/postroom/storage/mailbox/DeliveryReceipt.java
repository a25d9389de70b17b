package org.postroom.storage.mailbox;

import java.util.List;

/**
 * What {@link MailStore#deliver} committed. {@code messageId} identifies the stored copy (it is
 * the queue id a client sees in the 250 reply); it is 0 when no recipient took the message and
 * nothing was stored. A recipient over quota is in {@code overQuota}; every other one is in
 * {@code delivered}.
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
