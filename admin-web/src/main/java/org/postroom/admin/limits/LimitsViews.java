package org.postroom.admin.limits;

import java.time.Clock;
import java.util.List;

import org.postroom.admin.access.DomainAccess;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimitSettings;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.limits.Suspension;
import org.postroom.storage.limits.Suspensions;
import org.springframework.stereotype.Component;

/**
 * The sending limits of users and domains as the API shows them and the pages do (the card of
 * fragment {@code limits} on the user's and the domain's page, the dashboard's banner).
 */
@Component
public class LimitsViews {

    private final SendingLimitSettings settings;
    private final SendingCounters counters;
    private final Suspensions suspensions;
    private final SendingPolicy policy;
    private final DomainAccess access;
    private final Clock clock = Clock.systemUTC();

    LimitsViews(SendingLimitSettings settings, SendingCounters counters, Suspensions suspensions, SendingPolicy policy,
            DomainAccess access) {
        this.access = access;
        this.settings = settings;
        this.counters = counters;
        this.suspensions = suspensions;
        this.policy = policy;
    }

    /**
     * The user {@code address}'s limits, usage, suspension.
     *
     * @throws org.postroom.storage.NotFoundException when there is no such user
     */
    public LimitsView ofUser(String address) {
        return LimitsView.forUser(counters.standing(address, clock.instant()), policy);
    }

    /**
     * The domain {@code name}'s limits.
     *
     * @throws org.postroom.storage.NotFoundException when there is no such domain
     */
    public LimitsView ofDomain(String name) {
        return LimitsView.forDomain(name, settings.ofDomain(name), policy);
    }

    /** The users (of the signed-in administrator's domains) whose sending is suspended, the latest first. */
    public List<Suspension> suspended() {
        return access.filter(suspensions.inForce(), suspension -> DomainAccess.domainOf(suspension.address()));
    }
}
