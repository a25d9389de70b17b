package org.postroom.server.wiring;

import org.postroom.listener.ProtocolListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * A mail listener as part of the application's life: bound once every bean is ready (a port that
 * is taken fails the start-up, naming the address), unbound first on shutdown, letting commands
 * in progress finish within the listener's grace period. When the start-up fails after this
 * listener bound (another port was taken), Spring destroys the beans without stopping them, so
 * destroying unbinds too.
 */
public final class ListenerLifecycle implements SmartLifecycle, DisposableBean {

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

    @Override
    public void destroy() {
        listener.unbind();
    }
}
