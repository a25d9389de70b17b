package org.postroom.storage.limits;

import java.util.Optional;

/**
 * A user's sending as it stands: their own limits and their domain's as set (null fields: not set
 * there), what they sent, and the suspension in force, if any.
 */
public record SendingStanding(long userId, String address, SendingLimits own, SendingLimits domain,
        SendingUsage usage, Optional<Suspension> suspension) {

    /** The limits that apply: the user's own, else the domain's, else the server's. */
    public SendingLimits effective(SendingPolicy policy) {
        return own.orElse(domain).orElse(policy.serverLimits());
    }
}
