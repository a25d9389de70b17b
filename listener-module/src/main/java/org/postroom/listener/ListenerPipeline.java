package org.postroom.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.postroom.listener.ConnectionLimiter.Admission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * Builds the pipeline of each accepted connection, after asking the {@link ConnectionLimiter}.
 * An admitted connection gets, in order:
 * <pre>
 *   [TLS, implicit TLS only] -> framer -> idle timeout -> chunked writes  (event loop)
 *   -> James protocol handler                                             (hook threads)
 * </pre>
 * A refused one gets only [TLS] -> the refusal reply. Everything before the protocol handler is
 * cheap and never blocks; the protocol handler is the one place where hooks may block.
 *
 * <p>Behind a load balancer ({@link ProxyProtocol}) a connection from a trusted proxy first gets
 * only the {@link ProxyHeaderReader}: admission, limits and the rest wait for the client's address
 * in its header. A connection from elsewhere is checked for a forged header ({@link ForgedProxyHeader}).
 */
@ChannelHandler.Sharable
final class ListenerPipeline extends ChannelInitializer<SocketChannel> {

    private static final Logger LOGGER = LoggerFactory.getLogger(ListenerPipeline.class);

    private final Protocol protocol;
    private final ListenerSettings settings;
    private final EventExecutorGroup hookGroup;
    private final ConnectionLimiter limiter;
    private final ChannelGroup connections;
    private final ListenerActivity activity;

    ListenerPipeline(Protocol protocol, ListenerSettings settings, EventExecutorGroup hookGroup,
                     ChannelGroup connections, ListenerActivity activity) {
        this.protocol = protocol;
        this.settings = settings;
        this.hookGroup = hookGroup;
        this.limiter = new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerAddress());
        this.connections = connections;
        this.activity = activity;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        InetSocketAddress remote = channel.remoteAddress();
        if (remote == null) {
            // The client reset the connection before it was set up: nothing to serve or to count.
            channel.close();
            return;
        }
        ProxyProtocol proxyProtocol = settings.proxyProtocol();
        if (proxyProtocol.expectedFrom(remote.getAddress())) {
            ProxyHeaderReader.expect(channel, settings.name(), settings.commandTimeout(), this::admit);
            return;
        }
        if (proxyProtocol.enabled()) {
            channel.pipeline().addLast(new ForgedProxyHeader(settings.name()));
        }
        admit(channel);
    }

    /** Serves the connection, or refuses it, by the limits for its client. */
    private void admit(Channel channel) {
        InetAddress client = ClientAddress.of(channel).getAddress();
        Admission admission = limiter.admit(client);
        if (admission == Admission.ADMITTED) {
            channel.closeFuture().addListener(closed -> limiter.release(client));
            connections.add(channel);
            serve(channel.pipeline());
        } else {
            LOGGER.info("{}: refusing {}, {}", settings.name(), client.getHostAddress(), admission);
            refuse(channel.pipeline(), admission);
        }
    }

    private void serve(ChannelPipeline pipeline) {
        addImplicitTls(pipeline);
        CommandFramer framer = new CommandFramer(settings.maxLineLength(), settings.maxPendingCommands(),
                startTlsCommand(), activity, ClientPace.of(settings));
        pipeline.addLast(HandlerConstants.FRAMER, framer);
        pipeline.addLast(HandlerConstants.TIMEOUT_HANDLER,
                new IdleTimeout(settings.idleTimeout(), settings.replies().idleTimeout(), framer));
        // A streamed reply (POP3 RETR) is read chunk by chunk from storage, which may block: it runs on
        // the hook threads too, in the session's order, never on the I/O threads.
        pipeline.addLast(hookGroup, HandlerConstants.CHUNK_HANDLER, new ChunkedWriteHandler());
        // James's transport finds this handler by name to push and pop line handlers (DATA, AUTH).
        pipeline.addLast(hookGroup, HandlerConstants.CORE_HANDLER,
                new OffloadedCoreHandler(protocol, encryption(), settings, framer, activity));
    }

    private void refuse(ChannelPipeline pipeline, Admission admission) {
        addImplicitTls(pipeline);
        ListenerReplies replies = settings.replies();
        String reply = admission == Admission.TOO_MANY_CONNECTIONS
                ? replies.tooManyConnections()
                : replies.tooManyConnectionsFromAddress();
        pipeline.addLast(new ConnectionRefusal(reply));
    }

    private void addImplicitTls(ChannelPipeline pipeline) {
        if (settings.security() instanceof TransportSecurity.ImplicitTls implicit) {
            pipeline.addLast(HandlerConstants.SSL_HANDLER, implicit.encryption().sslHandler());
        }
    }

    private String startTlsCommand() {
        return settings.security() instanceof TransportSecurity.StartTls startTls ? startTls.command() : null;
    }

    /** James's convention: no encryption object where the listener offers no TLS. */
    private Encryption encryption() {
        if (settings.security() instanceof TransportSecurity.StartTls startTls) {
            return startTls.encryption();
        }
        if (settings.security() instanceof TransportSecurity.ImplicitTls implicit) {
            return implicit.encryption();
        }
        return null;
    }
}
