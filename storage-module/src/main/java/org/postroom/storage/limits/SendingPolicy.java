package org.postroom.storage.limits;

import java.util.Objects;

/**
 * The server's side of the sending limits ({@code postroom.limits.*}): its limits, which users and
 * domains without their own take, and after how many refusals in a day a user's sending is
 * suspended.
 *
 * @param serverLimits the limits of every user whose own and whose domain's set none; null fields:
 *        no limit
 * @param lockAfter refusals for a limit (or spam rejections at submission) in a day that suspend a
 *        user's sending; 0 never suspends
 */
public record SendingPolicy(SendingLimits serverLimits, int lockAfter) {

    public SendingPolicy {
        Objects.requireNonNull(serverLimits, "serverLimits");
        if (lockAfter < 0) {
            throw new IllegalArgumentException("lockAfter must be 0 (never) or more: " + lockAfter);
        }
    }

    /** True when {@code count} refusals in a day suspend the user. */
    public boolean suspends(long count) {
        return lockAfter > 0 && count >= lockAfter;
    }
}
