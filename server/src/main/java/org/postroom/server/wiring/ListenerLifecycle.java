package org.postroom.server.wiring;

import org.postroom.listener.ProtocolListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * A mail listener as a Spring lifecycle: bound once the application context is ready (the
 * database migrated, every service built), unbound first on shutdown, so the commands in progress
 * finish while the database is still there. A listener that cannot bind stops the start-up;
 * those already bound are unbound when the context is torn down.
 */
final class ListenerLifecycle implements SmartLifecycle, DisposableBean {

    private final ProtocolListener listener;

    ListenerLifecycle(ProtocolListener listener) {
        this.listener = listener;
    }

    /** The port actually bound (the configured one, or a free one for port 0). */
    int port() {
        return listener.port();
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

    /** When start-up fails after this listener bound, Spring destroys beans without stopping them. */
    @Override
    public void destroy() {
        listener.unbind();
    }
}
