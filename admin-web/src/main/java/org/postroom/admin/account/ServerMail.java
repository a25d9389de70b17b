package org.postroom.admin.account;

import java.time.Instant;

import org.postroom.admin.console.HeaderFields;
import org.postroom.storage.mailbox.InboxMessage;

/**
 * A message still on the server, as its user sees it on their account page.
 *
 * @param uid its UID in the user's INBOX, which the page's buttons name
 * @param sender the envelope sender, empty for the null sender
 * @param from the From header field, decoded; empty when missing
 * @param subject the Subject header field, decoded; empty when missing
 */
public record ServerMail(long uid, Instant receivedAt, String sender, String from, String subject, long size) {

    static ServerMail of(InboxMessage message) {
        HeaderFields fields = HeaderFields.of(message.header());
        return new ServerMail(message.uid(), message.receivedAt(), message.sender(), fields.from(), fields.subject(),
                message.size());
    }
}
