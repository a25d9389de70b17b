package org.postroom.server.config;

/** The check every listener's port gets. */
final class Ports {

    private Ports() {
    }

    /** A TCP port, or 0 for a free one chosen at start-up. */
    static void requireValid(String property, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(property + " must be a TCP port (0 to 65535), not " + port);
        }
    }
}
