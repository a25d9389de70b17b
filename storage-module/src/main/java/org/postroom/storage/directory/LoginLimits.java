package org.postroom.storage.directory;

import java.time.Duration;
import java.util.List;

/**
 * How hard the login throttle holds back failed logins, for SMTP AUTH, POP3 and the web alike.
 *
 * @param maxFailures failed logins per client within {@code window} after which the client is refused
 *        until the window has passed; a client is an IPv4 address or an IPv6 /64
 * @param window how long a client's failures count, from its first failure
 * @param failureDelay the wait before a failed login is answered, times the client's failures (at most 10 times)
 * @param accountFailures failed logins of one account, from any clients, within {@code accountWindow}
 *        after which every further attempt waits its turn: 1 s after the first of them, doubling with
 *        each failure, at most {@code accountMaxDelay}; a right password lifts the wait
 * @param accountWindow how long an account's failures count, from its first failure
 * @param accountMaxDelay the longest wait between two attempts at one account; zero turns the account limit off
 * @param exemptNetworks clients never counted nor held back (e.g. the office's NAT address)
 */
public record LoginLimits(int maxFailures, Duration window, Duration failureDelay, int accountFailures,
        Duration accountWindow, Duration accountMaxDelay, List<NetworkRange> exemptNetworks) {

    public LoginLimits {
        if (maxFailures < 1 || accountFailures < 1) {
            throw new IllegalArgumentException("failure limits must be at least 1");
        }
        if (window.isNegative() || window.isZero() || accountWindow.isNegative() || accountWindow.isZero()) {
            throw new IllegalArgumentException("windows must be positive");
        }
        if (failureDelay.isNegative() || accountMaxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        exemptNetworks = List.copyOf(exemptNetworks);
    }
}
