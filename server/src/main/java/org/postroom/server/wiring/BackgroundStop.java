package org.postroom.server.wiring;

/**
 * Runs a lifecycle bean's stop on a thread of its own and then tells Spring, so that the beans of
 * one shutdown phase (the mail listeners, the delivery workers, the web server) finish their work
 * in flight at the same time, within one {@code spring.lifecycle.timeout-per-shutdown-phase},
 * instead of one after the other.
 */
final class BackgroundStop {

    private BackgroundStop() {
    }

    /** Starts {@code stop} on a thread named {@code name}, then runs Spring's {@code callback}. */
    static void run(String name, Runnable stop, Runnable callback) {
        Thread stopping = new Thread(() -> {
            try {
                stop.run();
            } finally {
                callback.run();
            }
        }, name);
        stopping.start();
    }
}
