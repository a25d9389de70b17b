package org.postroom.server.config;

/** The check every listener port gets. */
final class Ports {

    private static final int MAX_PORT = 65_535;

    private Ports() {
    }

    /** A TCP port, or 0 for a free one the system picks (tests). */
    static void requireValid(String property, int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException(property + " must be a TCP port from 0 to " + MAX_PORT + ", not " + port);
        }
    }
}
