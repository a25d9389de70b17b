package org.postroom.admin.user;

import java.time.Instant;

import org.postroom.storage.directory.UserAccount;

/**
 * A user as the API and the pages show them: never the password hash.
 *
 * @param quotaBytes null when the user has no limit
 * @param usedBytes what their mailbox holds now
 * @param quotaUsedPercent share of the quota in use, rounded down; null without a limit
 * @param quarantineDigest whether they get the daily quarantine digest (when their domain sends it)
 */
public record UserView(String address, boolean enabled, Long quotaBytes, long usedBytes, long messageCount,
        Integer quotaUsedPercent, boolean quarantineDigest, Instant createdAt, Instant updatedAt) {

    public static UserView of(UserAccount user) {
        Long quota = user.quotaBytes();
        Integer percent = quota == null ? null : quota == 0 ? 100 : (int) Math.min(100, user.usedBytes() * 100 / quota);
        return new UserView(user.address(), user.enabled(), quota, user.usedBytes(), user.messageCount(), percent,
                user.quarantineDigest(), user.createdAt(), user.updatedAt());
    }

    /** The usage bar's fill, 0 to 1; 0 without a limit. */
    public double usageFraction() {
        if (quotaBytes == null) {
            return 0;
        }
        return quotaBytes == 0 ? 1 : Math.min(1, (double) usedBytes / quotaBytes);
    }
}
