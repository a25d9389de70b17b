package org.postroom.storage.quarantine;

/**
 * What {@link Quarantine#hold} committed: the stored message, held for an administrator. Its id is
 * the queue id a client sees in the 250 reply, and the id the quarantine knows it by.
 */
public record HoldReceipt(long messageId) {

    /** The id shown to clients and in logs. */
    public String queueId() {
        return Long.toString(messageId);
    }
}
