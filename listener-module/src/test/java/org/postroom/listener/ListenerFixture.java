package org.postroom.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.api.Protocol;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Binds listeners for a test on loopback port 0 and unbinds every one of them afterwards, before
 * the guard every test runs with (test-support's {@code NoErrorsLogged}) looks at the log, so that
 * an error while unbinding fails the test too.
 */
public final class ListenerFixture implements AfterEachCallback {

    private final List<ProtocolListener> bound = new ArrayList<>();

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

    /** Unbinds every listener of the test now, so that everything their sessions log is in. */
    public void unbindAll() {
        bound.forEach(ProtocolListener::unbind);
        bound.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        unbindAll();
    }
}
