package org.postroom.admin.quarantine;

/** One of a user's held messages with what they may read of it, for their account page. */
public record OwnHeldMessageDetail(OwnHeldMessage message, MessagePreview preview) {
}
