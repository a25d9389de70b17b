package org.postroom.storage.quarantine;

/** What {@link QuarantineDigests#send} did for one user. */
public sealed interface DigestOutcome {

    /** The digest naming {@code messages} held messages is in the user's INBOX as message {@code messageId}. */
    record Sent(long messageId, int messages) implements DigestOutcome {
    }

    /** No held message waits to be named (none new, or the user decided on them, or a digest named them). */
    record NothingNew() implements DigestOutcome {
    }

    /** The user's mailbox had no room for the digest; its messages wait for the next one. */
    record MailboxFull() implements DigestOutcome {
    }
}
