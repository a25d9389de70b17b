package org.postroom.listener;

import java.net.InetSocketAddress;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.NettyProtocolTransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * James's Netty transport, except for the STARTTLS reply, delayed replies and empty writes (see
 * below). James writes the STARTTLS reply and inserts the TLS handler from whatever thread
 * answered the command; with the protocol running on hook threads that leaves a window in which
 * the event loop reads and frames clear text that the protocol then executes inside TLS. Here both
 * steps run as one task on the channel's event loop, through {@link CommandFramer#beginTls}, which
 * also refuses the switch if clear text is already waiting.
 *
 * <p>Each reply tells the framer whether it opens a {@link DataPhase}, or ends one; the end of
 * the session stops it.
 *
 * <p>A reply a hook asked to delay ({@link ReplyDelay}) leaves from an event-loop timer, and the
 * writes and the close after it queue behind it, so the client sees its replies in order while no
 * thread waits. The framer reads nothing more from the client meanwhile.
 */
final class ListenerTransport extends NettyProtocolTransport {

    private final Channel channel;
    private final Encryption encryption;
    private final CommandFramer framer;
    /** Completes when the last write queued behind a delay is done; null when nothing is delayed. */
    private CompletableFuture<Void> queue;
    /** Set when the protocol ended the session; lines still on their way to it are not for it. */
    private volatile boolean ended;
    /**
     * Whether the last reply opened a {@link DataPhase}; read on the hook threads, written where
     * the reply is written (mostly there too, see {@link OffloadedCoreHandler}'s exchanges).
     */
    private volatile boolean dataPhase;

    ListenerTransport(Channel channel, Encryption encryption, CommandFramer framer) {
        super(channel, encryption, false);
        this.channel = channel;
        this.encryption = encryption;
        this.framer = framer;
    }

    /** The client's address: the one a trusted proxy named, if the connection came through one. */
    @Override
    public InetSocketAddress getRemoteAddress() {
        return ClientAddress.of(channel);
    }

    /** The line the listener closed this connection with (a timeout, shutdown), if it did. */
    Optional<String> closingReply() {
        return Optional.ofNullable(channel.attr(ClosingReply.SENT).get());
    }

    /**
     * Also skips empty writes: a reply whose status line travels in its stream (POP3's RETR) has
     * no lines, and James would still write and flush their empty bytes, an event-loop task for
     * nothing.
     */
    @Override
    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
        ReplyDelay.take(session).ifPresent(this::delay);
        dataPhase = DataPhase.take(session);
        framer.replying(dataPhase);
        inOrder(() -> {
            if (startTLS) {
                ByteBuf reply = Unpooled.wrappedBuffer(bytes);
                channel.eventLoop().execute(() -> framer.beginTls(reply, encryption));
            } else if (bytes.length > 0) {
                super.writeToClient(bytes, session, false);
            }
        });
    }

    @Override
    protected void writeToClient(InputStream stream, ProtocolSession session, boolean startTLS) {
        inOrder(() -> super.writeToClient(stream, session, startTLS));
    }

    /** Also stops the framer: what the client sent after the command that ended the session is never read. */
    @Override
    protected void close() {
        ended = true;
        framer.sessionEnded();
        inOrder(super::close);
    }

    /** Whether the client is sending data (SMTP's message after 354) rather than command lines. */
    boolean inDataPhase() {
        return dataPhase;
    }

    /** Whether the protocol ended the session (QUIT, a 421): lines framed before the close get no answer. */
    boolean ended() {
        return ended;
    }

    /** Runs {@code write} now, or after the delayed writes before it, even if one of those failed. */
    private synchronized void inOrder(Runnable write) {
        if (queue == null || queue.isDone()) {
            queue = null;
            write.run();
        } else {
            queue = queue.exceptionally(failure -> null).thenRun(write);
        }
    }

    private synchronized void delay(Duration delay) {
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        try {
            channel.eventLoop().schedule(() -> elapsed.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            elapsed.complete(null);
        }
        queue = queue == null || queue.isDone() ? elapsed : queue.thenCompose(previous -> elapsed);
        framer.holdUntil(queue);
    }
}
