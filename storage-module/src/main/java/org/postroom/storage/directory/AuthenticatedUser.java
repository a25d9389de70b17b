package org.postroom.storage.directory;

/** A user whose login was verified: their canonical address and INBOX. */
public record AuthenticatedUser(long userId, String address, long inboxId) {
}
