package org.postroom.server.wiring;

import org.postroom.listener.ProtocolListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * A mail listener as part of the application's life: bound once every bean is ready (a port that
 * is taken fails the start-up, naming the address), and on shutdown unbound on a thread of its own,
 * so that all listeners, the delivery workers and the web server's graceful shutdown stop in
 * parallel, in one phase bounded by {@code spring.lifecycle.timeout-per-shutdown-phase} (set from
 * {@code postroom.shutdown.grace}); each listener lets the commands in progress finish within the
 * same grace, set in its settings. When the start-up fails after this listener bound (another port
 * was taken), Spring destroys the beans without stopping them, so destroying unbinds too.
 */
public final class ListenerLifecycle implements SmartLifecycle, DisposableBean {

    /** The web server's graceful-shutdown phase: everything that finishes work in flight stops together. */
    static final int SHUTDOWN_PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;

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

    /** Unbinds in the background and reports back, so that Spring stops the other listeners meanwhile. */
    @Override
    public void stop(Runnable callback) {
        BackgroundStop.run(listener.name() + "-stop", listener::unbind, callback);
    }

    @Override
    public boolean isRunning() {
        return listener.isBound();
    }

    @Override
    public int getPhase() {
        return SHUTDOWN_PHASE;
    }

    @Override
    public void destroy() {
        listener.unbind();
    }
}
