package org.postroom.listener;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.NonStickyEventExecutorGroup;
import io.netty.util.concurrent.UnorderedThreadPoolEventExecutor;

/**
 * One bind of a {@link ProtocolListener}: its threads, its server socket and its open connections,
 * from the bind to the end of a graceful close. James's {@code AbstractAsyncServer} is not used
 * because it keeps its thread groups and server channels private: after a failed bind they could
 * not be shut down (the JVM stays up holding the ports it did bind), and it cannot stop accepting
 * before it closes the connections, which the graceful close below needs.
 */
final class BoundListener {

    private static final Logger LOGGER = LoggerFactory.getLogger(BoundListener.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ListenerSettings settings;
    private final EventLoopGroup acceptorGroup;
    private final EventLoopGroup ioGroup;
    private final ExecutorService hookThreads;
    private final ChannelGroup connections = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
    private final ListenerActivity activity = new ListenerActivity();
    private final Channel serverChannel;

    /**
     * Starts the threads and binds.
     *
     * @throws ListenerBindException after stopping every thread it started, when the bind fails
     */
    BoundListener(Protocol protocol, ListenerSettings settings) {
        this.settings = settings;
        String name = settings.name();
        this.acceptorGroup = new MultiThreadIoEventLoopGroup(1, new ListenerThreadFactory(name, "accept"),
                NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(settings.ioThreads(), new ListenerThreadFactory(name, "io"),
                NioIoHandler.newFactory());
        UnorderedThreadPoolEventExecutor hookPool = newHookPool(settings);
        this.hookThreads = hookPool;
        EventExecutorGroup hookGroup = nonSticky(hookPool);
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(acceptorGroup, ioGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, settings.backlog())
                    // Rebinding right after a restart must not fail on connections still in TIME_WAIT.
                    .option(ChannelOption.SO_REUSEADDR, true)
                    // Replies are whole lines written at once; Nagle would only delay pipelined answers.
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ListenerPipeline(protocol, settings, hookGroup, connections, activity))
                    .bind(settings.address())
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) {
            stopThreads();
            throw new ListenerBindException(name, settings.address(), e);
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting, stops reading from the clients, lets the commands in progress finish
     * (at most for {@code grace}: an SMTP DATA commit must not be cut off after the client sent
     * the message), sends each client the shutdown reply and closes, lets the sessions run their
     * disconnect handlers, and stops every thread.
     */
    void close(Duration grace) {
        serverChannel.close().syncUninterruptibly();
        acceptorGroup.shutdownGracefully(0, THREAD_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).syncUninterruptibly();
        awaitIoThreads();
        connections.forEach(BoundListener::stopReading);
        boolean commandsDone = activity.awaitNoCommands(Instant.now().plus(grace));
        if (!commandsDone) {
            LOGGER.warn("{}: commands still running after the shutdown grace period of {}, closing anyway",
                    settings.name(), grace);
        }
        connections.forEach(channel -> ClosingReply.send(channel, settings.replies().shuttingDown()));
        if (!connections.newCloseFuture().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis())) {
            connections.forEach(ClosingReply::closeNow);
        }
        // a session's disconnect handler runs after its last command: behind a command still
        // blocked it would only make the shutdown wait longer, so then the thread stop deals with it
        if (commandsDone && !activity.awaitNoSessions(Instant.now().plus(CLOSE_TIMEOUT))) {
            LOGGER.warn("{}: disconnect handlers still running {} after the connections closed", settings.name(), CLOSE_TIMEOUT);
        }
        awaitIoThreads();
        stopThreads();
    }

    /**
     * Runs one empty task on every I/O thread and waits for it, so that what was queued there
     * before has been done: after the acceptor stopped, the setup of the last accepted connections
     * (so they are all in {@link #connections}); after the sessions ended, the closes their
     * handlers requested (whose completion is reported back on the hook threads, still running).
     */
    private void awaitIoThreads() {
        for (EventExecutor loop : ioGroup) {
            loop.submit(() -> { }).syncUninterruptibly();
        }
    }

    private static void stopReading(Channel channel) {
        CommandFramer framer = channel.pipeline().get(CommandFramer.class);
        if (framer != null) {
            channel.eventLoop().execute(framer::stop);
        }
    }

    /** Hook threads first, while the I/O threads can still carry out what they write or close. */
    private void stopThreads() {
        hookThreads.shutdown();
        if (!awaitTermination(hookThreads)) {
            LOGGER.warn("{}: hook threads still busy {} after the connections closed, interrupting them",
                    settings.name(), THREAD_STOP_TIMEOUT);
            hookThreads.shutdownNow();
            awaitTermination(hookThreads);
        }
        for (EventLoopGroup group : List.of(ioGroup, acceptorGroup)) {
            group.shutdownGracefully(0, THREAD_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private static boolean awaitTermination(ExecutorService executor) {
        try {
            return executor.awaitTermination(THREAD_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A plain pool of hook threads, each picking up whatever connection has work. Netty 4.2
     * deprecates this executor in favour of offloading by hand, but it is the stock pool that
     * {@link NonStickyEventExecutorGroup} accepts, and only a non-sticky group keeps one blocked
     * hook from delaying every connection that a sticky group would pin to the same thread.
     */
    @SuppressWarnings("deprecation")
    private static UnorderedThreadPoolEventExecutor newHookPool(ListenerSettings settings) {
        return new UnorderedThreadPoolEventExecutor(settings.hookThreads(),
                new ListenerThreadFactory(settings.name(), "hooks"));
    }

    /** Keeps each connection's events in order while any free thread may run them. */
    private static EventExecutorGroup nonSticky(EventExecutorGroup pool) {
        return new NonStickyEventExecutorGroup(pool);
    }
}
