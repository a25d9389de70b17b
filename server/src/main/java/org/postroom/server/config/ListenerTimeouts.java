package org.postroom.server.config;

import java.time.Duration;

/** The check every listener's timeout gets: the listener counts in whole seconds at the finest. */
final class ListenerTimeouts {

    private static final Duration MINIMUM = Duration.ofSeconds(1);

    private ListenerTimeouts() {
    }

    static void requireAtLeastOneSecond(String property, Duration timeout) {
        if (timeout.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException(property + " must be at least 1s, not " + timeout);
        }
    }
}
