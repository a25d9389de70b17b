package org.postroom.listener;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one Apache James {@link Protocol} (an {@code SMTPProtocol} or {@code POP3Protocol}) on one
 * address. Compared with James's {@code NettyServer}, the protocol's handlers and hooks run on a
 * pool of hook threads of their own, so a hook that waits for the database delays only its own
 * session, never another connection's greeting; STARTTLS cannot be used to inject clear-text
 * commands into the TLS session; limit refusals, idle timeouts and shutdown tell the client why in
 * the protocol's own words; and unbinding lets in-flight work finish and stops every thread, so a
 * JVM can bind and unbind repeatedly (tests, restarts) without leaking.
 *
 * <p>The protocol object (and its handler chain) may be shared by several listeners. Bind and
 * unbind may be repeated; the settings stay the same.
 */
public final class ProtocolListener {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProtocolListener.class);

    /** Set on every session when it is created; a connection attachment, so STARTTLS keeps it. */
    static final AttachmentKey<String> LISTENER_NAME = AttachmentKey.of("postroom.listener-name", String.class);

    private final Protocol protocol;
    private final ListenerSettings settings;
    private volatile BoundListener bound;

    public ProtocolListener(Protocol protocol, ListenerSettings settings) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Starts the threads and listens.
     *
     * @throws ListenerBindException naming the address when it cannot be bound; every thread and
     *                               socket the attempt took is released by then
     * @throws IllegalStateException when already bound
     */
    public synchronized void bind() {
        if (bound != null) {
            throw new IllegalStateException(settings.name() + " is already bound");
        }
        bound = new BoundListener(protocol, settings);
        LOGGER.info("{} listening on {} ({})", settings.name(), bound.localAddress(),
                settings.security().getClass().getSimpleName());
    }

    /**
     * Stops accepting, waits up to the shutdown grace period for commands in progress, closes
     * every connection with the shutdown reply and stops all threads. Returns when that is done;
     * does nothing when not bound.
     */
    public synchronized void unbind() {
        BoundListener current = bound;
        if (current == null) {
            return;
        }
        try {
            current.close(settings.shutdownGrace());
        } finally {
            bound = null;
        }
        LOGGER.info("{} stopped", settings.name());
    }

    /** The listener's name from its settings, e.g. {@code smtp-mx}. */
    public String name() {
        return settings.name();
    }

    /**
     * The name of the listener {@code session} came in on, for the protocols' logs and metrics: one
     * protocol (and handler chain) may serve several listeners. "unknown" for a session that no
     * listener created (a test's fake session).
     */
    public static String nameOf(ProtocolSession session) {
        return session.getAttachment(LISTENER_NAME, State.Connection).orElse("unknown");
    }

    /**
     * The line the listener itself sent before it closed {@code session}'s connection (an idle or
     * command timeout, data too slow, shutdown, clear text behind STARTTLS: {@link ListenerReplies}),
     * for the protocol's session log; empty when the listener did not close it, or for a session no
     * listener created.
     */
    public static Optional<String> closingReply(ProtocolSession session) {
        return session instanceof ProtocolSessionImpl impl
                && impl.getProtocolTransport() instanceof ListenerTransport transport
                ? transport.closingReply() : Optional.empty();
    }

    public boolean isBound() {
        return bound != null;
    }

    /**
     * The address actually bound (with the real port when port 0 was configured).
     *
     * @throws IllegalStateException when not bound
     */
    public InetSocketAddress localAddress() {
        BoundListener current = bound;
        if (current == null) {
            throw new IllegalStateException(settings.name() + " is not bound");
        }
        return current.localAddress();
    }

    /** The port actually bound; see {@link #localAddress()}. */
    public int port() {
        return localAddress().getPort();
    }

    /** Connections admitted and still open right now (0 when not bound), for metrics. */
    public int openConnections() {
        BoundListener current = bound;
        return current == null ? 0 : current.openConnections();
    }
}
