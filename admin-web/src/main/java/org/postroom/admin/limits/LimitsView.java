package org.postroom.admin.limits;

import java.time.Instant;

import org.postroom.admin.console.Links;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.limits.SendingStanding;
import org.postroom.storage.limits.SendingUsage;
import org.postroom.storage.limits.Suspension;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The sending limits of a user or a domain, for the API and the console: as set at this level
 * ({@code limits}, null where not set), what an unset one takes ({@code inherited}: the domain's
 * or the server's), what applies ({@code effective}); for a user also what they sent ({@code
 * usage}) and the suspension of their sending in force ({@code suspension}, null when none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LimitsView(@JsonIgnore String page, @JsonIgnore boolean ofUser, SendingLimits limits,
        SendingLimits inherited, SendingLimits effective, SendingUsage usage, SuspensionView suspension) {

    /** A suspension as the API shows it: since when, why ({@code limit-hits} or {@code spam-rejects}). */
    public record SuspensionView(String address, Instant suspendedAt, String reason) {

        static SuspensionView of(Suspension suspension) {
            return new SuspensionView(suspension.address(), suspension.suspendedAt(), suspension.reason().key());
        }
    }

    static LimitsView forUser(SendingStanding standing, SendingPolicy policy) {
        SendingLimits inherited = standing.domain().orElse(policy.serverLimits());
        return new LimitsView(Links.path("users", standing.address()), true, standing.own(), inherited,
                standing.effective(policy), standing.usage(), standing.suspension().map(SuspensionView::of).orElse(null));
    }

    static LimitsView forDomain(String name, SendingLimits limits, SendingPolicy policy) {
        return new LimitsView(Links.path("domains", name), false, limits, policy.serverLimits(),
                limits.orElse(policy.serverLimits()), null, null);
    }
}
