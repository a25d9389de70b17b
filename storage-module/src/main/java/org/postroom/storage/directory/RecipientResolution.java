package org.postroom.storage.directory;

import java.util.Set;

/**
 * Where mail for one address goes, as {@link MailDirectory#resolve} decides it.
 */
public sealed interface RecipientResolution {

    /** The address is ours and delivers to these mailboxes and external addresses (never both empty). */
    record Deliverable(Via via, Set<LocalMailbox> mailboxes, Set<String> remoteAddresses) implements RecipientResolution {

        public Deliverable {
            mailboxes = Set.copyOf(mailboxes);
            remoteAddresses = Set.copyOf(remoteAddresses);
        }

        /**
         * True when a message of {@code size} octets has somewhere to go: an external address, or a
         * local mailbox with that much room left under its owner's quota.
         */
        public boolean hasRoomFor(long size) {
            return !remoteAddresses.isEmpty() || mailboxes.stream().anyMatch(mailbox -> mailbox.freeBytes() >= size);
        }
    }

    /** The domain is ours but no user, alias or catch-all takes the address (RFC 5321 550 5.1.1). */
    record UnknownLocal() implements RecipientResolution {
    }

    /**
     * A {@link RoleAddresses role address} (postmaster@, abuse@) of our domain that no user, alias,
     * postmaster target or catch-all takes: it must still be accepted (RFC 5321 §4.5.1), and waits
     * for an administrator.
     */
    record Unattended() implements RecipientResolution {
    }

    /** The user exists but an administrator disabled it. */
    record Disabled() implements RecipientResolution {
    }

    /** The domain is not one of ours: mail for it is relayed out, if the sender may relay. */
    record NotLocal() implements RecipientResolution {
    }

    /** Alias expansion went over its limits (too deep or too many targets): a configuration error. */
    record AliasLimitExceeded(String reason) implements RecipientResolution {
    }

    /** Which rule matched the address itself; {@code ROLE}: a role address, to its domain's postmaster target. */
    enum Via {
        USER, ALIAS, CATCH_ALL, ROLE
    }

    /**
     * A user's INBOX. {@code freeBytes} is what the user's quota leaves ({@link Long#MAX_VALUE}
     * without a quota, zero or less when it is used up), so a client can be told at RCPT time,
     * rather than after sending the data, that a message will not fit.
     */
    record LocalMailbox(long mailboxId, long userId, String owner, long freeBytes) {
    }
}
