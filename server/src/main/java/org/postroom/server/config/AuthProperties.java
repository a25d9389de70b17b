package org.postroom.server.config;

import java.time.Duration;
import java.util.List;

import org.postroom.storage.directory.NetworkRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The failed-login throttle shared by SMTP AUTH, POP3 and the web login.
 *
 * @param maxFailures failed logins per IP within {@code window} after which the IP is refused
 * @param window how long a failed login counts
 * @param failureDelay the wait before answering a failed login, multiplied by the IP's recent failures
 * @param exemptNetworks CIDR blocks never throttled (e.g. the office's NAT address)
 */
@ConfigurationProperties("postroom.auth")
public record AuthProperties(@DefaultValue("10") int maxFailures, @DefaultValue("5m") Duration window,
        @DefaultValue("1s") Duration failureDelay, @DefaultValue List<String> exemptNetworks) {

    public AuthProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("postroom.auth.max-failures must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("postroom.auth.window must be positive");
        }
        exemptNetworks = List.copyOf(exemptNetworks);
        exemptRanges(exemptNetworks);
    }

    /** The exempt networks, parsed. */
    public List<NetworkRange> exemptRanges() {
        return exemptRanges(exemptNetworks);
    }

    private static List<NetworkRange> exemptRanges(List<String> networks) {
        return NetworkRanges.parse("postroom.auth.exempt-networks", networks);
    }
}
