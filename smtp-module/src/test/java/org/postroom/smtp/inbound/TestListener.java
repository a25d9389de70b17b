package org.postroom.smtp.inbound;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.postroom.listener.ListenerSettings;
import org.postroom.listener.ProtocolListener;
import org.postroom.listener.tls.ListenerTls;

/**
 * A real SMTP listener on a free loopback port, as the server runs it: listener-module's
 * {@link ProtocolListener} with the hooks off the I/O threads, the SMTP settings of {@link
 * SmtpListeners} and a self-signed certificate shared by all tests of the JVM.
 */
final class TestListener implements AutoCloseable {

    static final String HOSTNAME = "mx.postroom.test";
    static final int MAX_LINE = 8192;

    /** Generated on the first run, reused by the next ones (as the server does in its data dir). */
    static final Path CERTIFICATE_DIRECTORY = Path.of("target", "test-tls");

    private static ListenerTls tls;

    private final ProtocolListener listener;

    private TestListener(ProtocolListener listener) {
        this.listener = listener;
        listener.bind();
    }

    /** The MX listener (STARTTLS offered) serving {@code protocol}. */
    static TestListener mx(InboundProtocol protocol) {
        return serving(protocol, SmtpListeners::mx);
    }

    /** The submission listener (STARTTLS, port 587's rules) serving {@code protocol}. */
    static TestListener submission(InboundProtocol protocol) {
        return serving(protocol, SmtpListeners::submission);
    }

    /** The implicit-TLS submission listener (port 465's) serving {@code protocol}. */
    static TestListener submissions(InboundProtocol protocol) {
        return serving(protocol, SmtpListeners::submissions);
    }

    /** Any listener, with the test's own limits set on its settings. */
    static TestListener serving(InboundProtocol protocol, Kind kind, Function<ListenerSettings.Builder, ListenerSettings.Builder> limits) {
        ListenerSettings.Builder settings = kind.settings(new InetSocketAddress("127.0.0.1", 0), HOSTNAME, tls())
                .maxLineLength(MAX_LINE).hookThreads(8).ioThreads(2).shutdownGrace(Duration.ofSeconds(5));
        return new TestListener(new ProtocolListener(protocol, limits.apply(settings).build()));
    }

    static TestListener serving(InboundProtocol protocol, Kind kind) {
        return serving(protocol, kind, settings -> settings);
    }

    int port() {
        return listener.port();
    }

    int openConnections() {
        return listener.openConnections();
    }

    @Override
    public void close() {
        listener.unbind();
    }

    static synchronized ListenerTls tls() {
        if (tls == null) {
            tls = ListenerTls.selfSigned(CERTIFICATE_DIRECTORY, HOSTNAME);
        }
        return tls;
    }

    /** One of the three SMTP listeners' settings. */
    @FunctionalInterface
    interface Kind {
        ListenerSettings.Builder settings(InetSocketAddress address, String hostname, ListenerTls tls);
    }
}
