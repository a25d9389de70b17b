package org.postroom.listener;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;

/**
 * Holds a client to a pace while the server waits for its input, against slowloris: a client that
 * sends a byte now and then keeps the idle timeout from ever firing. Two rules, each closing the
 * connection with the protocol's line and one INFO log line naming the rule:
 * <ul>
 *   <li>a line the client has begun must be complete within the command timeout;</li>
 *   <li>during a {@link DataPhase} (SMTP's message) at least {@code minDataBytes} must arrive in
 *       every data window. The command timeout does not apply there: a message line may take a
 *       while, the data as a whole must keep coming.</li>
 * </ul>
 * Time the server spends on earlier commands does not count against the client (RFC 5321
 * §4.5.3.2: timeouts are for the side that waits): a line's time starts no earlier than the server
 * finished its last command, and a data window in which the server was still at work starts again.
 * While the framer holds input back it reports no line begun, so those pauses do not count either.
 *
 * <p>Threads: everything runs on the channel's event loop, except {@link #commandFinished} and
 * {@link #replying}, which the hook threads call; their state is volatile, and a hook thread
 * records a reply before it reports its command finished, so a check that sees the server idle
 * also sees the data phase ended by that reply.
 */
final class ClientPace {

    private static final Logger LOGGER = LoggerFactory.getLogger(ClientPace.class);

    private final Duration commandTimeout;
    private final int minDataBytes;
    private final Duration dataWindow;
    private final ListenerReplies replies;
    private ChannelHandlerContext ctx;
    private CommandFramer framer;

    /** Whether the client's input is data; written by the hook thread answering the session. */
    private volatile boolean data;
    /** When the server last finished a command, in {@link System#nanoTime()}. */
    private volatile long serverIdleSince = System.nanoTime();

    private boolean lineBegun;
    private long lineBegunAt;
    private ScheduledFuture<?> lineCheck;
    private long windowBytes;
    private ScheduledFuture<?> windowCheck;
    private boolean stopped;

    ClientPace(Duration commandTimeout, int minDataBytes, Duration dataWindow, ListenerReplies replies) {
        this.commandTimeout = commandTimeout;
        this.minDataBytes = minDataBytes;
        this.dataWindow = dataWindow;
        this.replies = replies;
    }

    static ClientPace of(ListenerSettings settings) {
        return new ClientPace(settings.commandTimeout(), settings.minDataBytes(), settings.dataWindow(),
                settings.replies());
    }

    /** Event loop, once: the framer this pace serves, and its place in the pipeline. */
    void attach(ChannelHandlerContext context, CommandFramer commandFramer) {
        this.ctx = context;
        this.framer = commandFramer;
    }

    /** Bytes the client sent, as read from the socket (after TLS). */
    void received(int bytes) {
        windowBytes += bytes;
    }

    /** A line was handed to the protocol: the client owes no line now. */
    void lineFramed() {
        lineBegun = false;
    }

    /**
     * After the framer took what it could: whether the client has begun a line that is still
     * incomplete while the server is reading (false while the framer holds input back).
     */
    void lineInProgress(boolean inProgress) {
        if (!inProgress) {
            lineBegun = false;
        } else if (!lineBegun) {
            lineBegun = true;
            lineBegunAt = System.nanoTime();
            if (lineCheck == null && !stopped) {
                lineCheck = schedule(this::checkLine, commandTimeout.toNanos());
            }
        }
    }

    /** Hook thread: the protocol finished a command. */
    void commandFinished() {
        serverIdleSince = System.nanoTime();
    }

    /**
     * Hook thread answering the session, for each reply before it is written: whether it opens a
     * data phase; any other reply ends the one open.
     */
    void replying(boolean opensDataPhase) {
        if (opensDataPhase == data) {
            return;
        }
        data = opensDataPhase;
        ctx.executor().execute(opensDataPhase ? this::dataStarted : this::dataEnded);
    }

    /** Event loop: no more checks (the connection is closing). */
    void stop() {
        stopped = true;
        cancel(lineCheck);
        cancel(windowCheck);
        lineCheck = null;
        windowCheck = null;
    }

    private void dataStarted() {
        if (!stopped && windowCheck == null) {
            windowBytes = 0;
            windowCheck = schedule(this::checkWindow, dataWindow.toNanos());
        }
    }

    private void dataEnded() {
        cancel(windowCheck);
        windowCheck = null;
        if (lineBegun && lineCheck == null && !stopped) {
            lineCheck = schedule(this::checkLine, 0);
        }
    }

    private void checkLine() {
        lineCheck = null;
        if (stopped || !lineBegun || data) {
            return;
        }
        if (framer.busy()) {
            lineCheck = schedule(this::checkLine, commandTimeout.toNanos());
            return;
        }
        long left = Math.max(lineBegunAt, serverIdleSince) + commandTimeout.toNanos() - System.nanoTime();
        if (left > 0) {
            lineCheck = schedule(this::checkLine, left);
        } else {
            close(replies.commandTimeout(), "a command line not completed within " + commandTimeout);
        }
    }

    private void checkWindow() {
        windowCheck = null;
        // busy first: a command finished is published after its reply ended the data phase
        boolean busy = framer.busy();
        if (stopped || !data) {
            return;
        }
        if (busy || windowBytes >= minDataBytes) {
            windowBytes = 0;
            windowCheck = schedule(this::checkWindow, dataWindow.toNanos());
        } else {
            close(replies.dataTooSlow(), windowBytes + " bytes of data in " + dataWindow + ", fewer than "
                    + minDataBytes);
        }
    }

    private void close(String reply, String reason) {
        LOGGER.info("closing the connection from {}: {}", ClientAddress.of(ctx.channel()), reason);
        framer.stop();
        ClosingReply.send(ctx.channel(), reply);
    }

    private ScheduledFuture<?> schedule(Runnable check, long nanos) {
        return ctx.executor().schedule(check, nanos, TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> check) {
        if (check != null) {
            check.cancel(false);
        }
    }
}
