package org.postroom.server.config;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.postroom.storage.directory.LoginLimits;
import org.postroom.storage.directory.NetworkRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The failed-login throttle shared by SMTP AUTH, POP3 and the web login.
 *
 * @param maxFailures failed logins per client (an IPv4 address, an IPv6 /64) within {@code window}
 *        after which the client is refused until the window has passed
 * @param window how long a client's failed login counts
 * @param failureDelay the wait before answering a failed login, multiplied by the client's recent failures
 * @param accountFailures failed logins of one account, from any clients, within {@code accountWindow}
 *        after which the account takes one attempt at a time, waiting 1 s, then twice as long after
 *        each further failure
 * @param accountWindow how long an account's failed login counts
 * @param accountMaxDelay the longest wait between attempts at one account; 0 turns the account limit off
 * @param exemptNetworks CIDR blocks never throttled (e.g. the office's NAT address)
 */
@ConfigurationProperties("postroom.auth")
@Validated
public record AuthProperties(@DefaultValue("10") @Min(1) int maxFailures,
        @DefaultValue("5m") @DurationMin(nanos = 0, inclusive = false) Duration window,
        @DefaultValue("1s") @DurationMin(nanos = 0) Duration failureDelay,
        @DefaultValue("10") @Min(1) int accountFailures,
        @DefaultValue("1h") @DurationMin(nanos = 0, inclusive = false) Duration accountWindow,
        @DefaultValue("5m") @DurationMin(nanos = 0) Duration accountMaxDelay,
        @DefaultValue List<String> exemptNetworks) {

    public AuthProperties {
        exemptNetworks = List.copyOf(exemptNetworks);
        exemptRanges(exemptNetworks);
    }

    /** The exempt networks, parsed. */
    public List<NetworkRange> exemptRanges() {
        return exemptRanges(exemptNetworks);
    }

    /** The whole setting, as the throttle takes it. */
    public LoginLimits limits() {
        return new LoginLimits(maxFailures, window, failureDelay, accountFailures, accountWindow, accountMaxDelay,
                exemptRanges());
    }

    private static List<NetworkRange> exemptRanges(List<String> networks) {
        return NetworkRanges.parse("postroom.auth.exempt-networks", networks);
    }
}
