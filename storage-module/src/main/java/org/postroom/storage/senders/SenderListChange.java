package org.postroom.storage.senders;

/** What {@link SenderLists#put} did: the entry as stored, and whether it is new (rather than its action changed). */
public record SenderListChange(SenderRule rule, boolean created) {
}
