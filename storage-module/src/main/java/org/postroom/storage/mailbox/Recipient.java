package org.postroom.storage.mailbox;

import java.util.Set;
import java.util.stream.Collectors;

import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.LocalMailbox;

/**
 * One envelope recipient (the RCPT TO address) and where its copy goes: local mailboxes and
 * external addresses for the outbound queue.
 */
public record Recipient(String address, Set<Long> mailboxIds, Set<String> remoteAddresses) {

    public Recipient {
        mailboxIds = Set.copyOf(mailboxIds);
        remoteAddresses = Set.copyOf(remoteAddresses);
    }

    /** A recipient the directory resolved to local mailboxes and/or alias targets elsewhere. */
    public static Recipient resolved(String address, Deliverable resolution) {
        return new Recipient(address, resolution.mailboxes().stream().map(LocalMailbox::mailboxId)
                .collect(Collectors.toSet()), resolution.remoteAddresses());
    }

    /** A recipient at another domain, relayed for an authenticated user. */
    public static Recipient remote(String address) {
        return new Recipient(address, Set.of(), Set.of(address));
    }
}
