/**
 * Postroom's PostgreSQL store: the only place in the project that holds SQL.
 *
 * <p>The schema lives in Flyway migrations under {@code db/migration} (never edited once landed).
 * Sub-packages own one area each: {@code directory} (domains, users, aliases, passwords, the login
 * throttle), {@code message} (a stored message's bytes and origin, shared by mailboxes and queue),
 * {@code mailbox} (mailbox entries, taking in a message, the POP3 maildrop lock), {@code queue}
 * (outbound queue entries and the delivery-attempt log), {@code quarantine} (messages held for an
 * administrator), {@code senders} (allow and block lists of senders), {@code greylist} (the
 * triplets port 25's greylisting has seen), {@code acme} (certificates from an ACME CA, their
 * account and challenges), {@code secret} and {@code stats}. They depend one way:
 * {@code senders} and {@code greylist} on {@code directory}; {@code quarantine} on
 * {@code mailbox}, {@code directory} and {@code message}; {@code mailbox} on {@code directory},
 * {@code queue} and {@code message};
 * {@code queue} and {@code directory} on {@code message}; this package on none of them.
 *
 * <p>Every public method documents what it commits. A database that cannot be reached surfaces as
 * {@link org.postroom.storage.StorageUnavailableException}; the protocols turn that into a
 * temporary failure, so a client retries and nothing acknowledged is lost.
 */
package org.postroom.storage;
