package org.postroom.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.Protocol;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Binds listeners for a test on loopback port 0 and unbinds every one of them afterwards; then
 * fails the test if anything unexpected was logged meanwhile, unbinding included (see
 * {@link NoUnexpectedErrors}).
 */
public final class ListenerFixture implements BeforeEachCallback, AfterEachCallback {

    private final List<ProtocolListener> bound = new ArrayList<>();
    private final NoUnexpectedErrors errors = new NoUnexpectedErrors();

    /** Settings for a test listener: loopback, a free port, a few threads. */
    public static ListenerSettings.Builder settings(String name, ListenerReplies replies) {
        return ListenerSettings.builder(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), replies)
                .hookThreads(8)
                .ioThreads(2)
                .shutdownGrace(Duration.ofSeconds(5));
    }

    public ProtocolListener bind(Protocol protocol, ListenerSettings settings) {
        ProtocolListener listener = new ProtocolListener(protocol, settings);
        listener.bind();
        bound.add(listener);
        return listener;
    }

    /** What the listener class {@code source} logged during this test. */
    public List<String> logLines(Class<?> source) {
        return errors.messages(source.getName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        errors.watch();
    }

    /** Unbinds every listener of the test now, so that everything their sessions log is in. */
    public void unbindAll() {
        bound.forEach(ProtocolListener::unbind);
        bound.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        unbindAll();
        errors.assertNoneLogged();
    }
}
