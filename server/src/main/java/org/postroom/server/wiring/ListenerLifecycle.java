package org.postroom.server.wiring;

import org.postroom.listener.ProtocolListener;
import org.springframework.context.SmartLifecycle;

/**
 * A mail listener as part of the application's life: bound once every bean is ready (a port that
 * is taken fails the start-up, naming the address), unbound first on shutdown, letting commands
 * in progress finish within the listener's grace period.
 */
public final class ListenerLifecycle implements SmartLifecycle {

    private final ProtocolListener listener;

    ListenerLifecycle(ProtocolListener listener) {
        this.listener = listener;
    }

    /** The listener, e.g. for its bound port when the configured port was 0. */
    public ProtocolListener listener() {
        return listener;
    }

    @Override
    public void start() {
        listener.bind();
    }

    @Override
    public void stop() {
        listener.unbind();
    }

    @Override
    public boolean isRunning() {
        return listener.isBound();
    }
}
