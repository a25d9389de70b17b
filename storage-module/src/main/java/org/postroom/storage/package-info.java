/**
 * Postroom's PostgreSQL store: the only place in the project that holds SQL.
 *
 * <p>The schema lives in Flyway migrations under {@code db/migration} (never edited once landed).
 * Sub-packages own one area each: {@code directory} (domains, users, aliases, passwords, the login
 * throttle), {@code mailbox} (message bytes, mailbox entries, the POP3 maildrop lock) and
 * {@code queue} (outbound queue entries and the delivery-attempt log).
 *
 * <p>Every public method documents what it commits. A database that cannot be reached surfaces as
 * {@link org.postroom.storage.StorageUnavailableException}; the protocols turn that into a
 * temporary failure, so a client retries and nothing acknowledged is lost.
 */
package org.postroom.storage;
