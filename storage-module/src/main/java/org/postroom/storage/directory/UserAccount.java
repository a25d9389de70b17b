package org.postroom.storage.directory;

import java.time.Instant;

/**
 * A mail user as the console, the API and the account page show it, with what their INBOX holds.
 * {@code quotaBytes} is null when the user has no limit. {@code quarantineDigest}: whether they want
 * the daily quarantine digest (they get it when their domain sends it too). Never carries the
 * password hash.
 */
public record UserAccount(long id, String address, Long quotaBytes, boolean enabled, boolean quarantineDigest,
        long messageCount, long usedBytes, Instant createdAt, Instant updatedAt) {
}
