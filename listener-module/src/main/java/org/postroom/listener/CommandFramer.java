package org.postroom.listener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;

/**
 * Splits a connection's input into lines and releases them to the protocol only as fast as it
 * takes them. A line ends at LF; the line handed on keeps its ending exactly as sent (CRLF, or a
 * bare LF the protocol may refuse). A line longer than {@code maxLineLength} is never buffered
 * whole: its bytes are dropped as they come, and once its LF arrives the protocol gets an {@link
 * OverlongLine} instead, which still tells how the line ended. SMTP needs that to know whether the
 * next line starts a line of the message: a decoder that drops the line and forgets its ending
 * lets {@code <long line><LF>.<CR><LF>} end a message early (SMTP smuggling).
 *
 * <p>Input that is not released yet stays unparsed in this decoder's buffer, and the socket is
 * not read while anything waits, so a client cannot grow the server's memory by pipelining while a
 * hook blocks: at most {@code maxPendingCommands} lines are queued for the hook threads, plus one
 * socket read of raw bytes. Lines are held back while
 * <ul>
 *   <li>{@code maxPendingCommands} lines are still being processed (resumed when half are done),</li>
 *   <li>the client does not read its replies (the channel is not writable), or</li>
 *   <li>a STARTTLS/STLS command is being answered, or</li>
 *   <li>a reply is held back by a {@link ReplyDelay} (a failed login).</li>
 * </ul>
 *
 * <p>The last point closes the STARTTLS command-injection hole (CVE-2011-0411, and the variants in
 * Poddebniak et al., "Why TLS is better without STARTTLS", USENIX Security 2021; RFC 3207 §5):
 * nothing sent in clear text after the command may be executed inside TLS. Because no line after STARTTLS is framed until the protocol has answered it,
 * the TLS switch ({@link #beginTls}) only has to check that this buffer is empty at the moment the
 * TLS handler is inserted, on the event loop. Any byte there was sent before the 220/+OK reply, so
 * the connection is refused instead. If the protocol refused the command (syntax, already
 * authenticated, inside DATA) the held lines are simply framed afterwards: no false alarm, unlike
 * James's framer, which rejects any clear-text buffer holding a line that starts with the word.
 *
 * <p>The framer also tells its {@link ClientPace} what the client is doing: the bytes it sends,
 * when it has begun a line the server is waiting for, and when the line is complete.
 *
 * <p>Threads: framing and every state change run on the channel's event loop; only {@link
 * #commandFinished}, {@link #replying}, {@link #holdUntil} and {@link #sessionEnded} are called
 * from hook threads, and they hand their follow-up to the event loop.
 */
final class CommandFramer extends ByteToMessageDecoder {

    private final int maxLineLength;
    private final byte[] startTlsCommand;
    private final int maxPendingCommands;
    private final int resumeAt;
    private final ListenerActivity activity;
    private final ClientPace pace;
    private final AtomicInteger pending = new AtomicInteger();
    private ChannelHandlerContext ctx;
    private boolean awaitingStartTls;
    private int delayedReplies;
    private boolean tlsStarted;
    private boolean stopped;
    /** Bytes at the start of the buffer already searched for the LF of the line they begin. */
    private int searched;
    /** Inside a line over the limit: its bytes are dropped up to its LF. */
    private boolean dropping;
    /** Whether the last byte dropped of that line was a CR. */
    private boolean droppedCr;

    /**
     * @param startTlsCommand the upgrade command in upper case, or null where the listener offers
     *                        no STARTTLS (plain or implicit TLS)
     */
    CommandFramer(int maxLineLength, int maxPendingCommands, String startTlsCommand, ListenerActivity activity,
            ClientPace pace) {
        this.maxLineLength = maxLineLength;
        this.startTlsCommand = startTlsCommand == null ? null : startTlsCommand.getBytes(StandardCharsets.US_ASCII);
        this.maxPendingCommands = maxPendingCommands;
        this.resumeAt = maxPendingCommands / 2;
        this.activity = activity;
        this.pace = pace;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        pace.attach(ctx, this);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf bytes) {
            pace.received(bytes.readableBytes());
        }
        super.channelRead(ctx, msg);
        pace.lineInProgress(accepting() && (dropping || actualReadableBytes() > 0));
    }

    /**
     * The connection is gone: what the client sent and was not framed yet has no one left to be
     * answered to, and is dropped rather than decoded as Netty would (which here would also ask a
     * closed channel to stop reading, an error on Netty 4.2).
     */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopped = true;
        pace.stop();
        internalBuffer().skipBytes(actualReadableBytes());
        super.channelInactive(ctx);
    }

    /** One line per call, so that whether to take the next one is decided line by line. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) {
        if (!accepting()) {
            pauseReading();
            return;
        }
        Object line = nextLine(buffer);
        if (line == null) {
            return;
        }
        pending.incrementAndGet();
        activity.commandStarted();
        pace.lineFramed();
        if (line instanceof ByteBuf text && mayStartTls(text)) {
            awaitingStartTls = true;
            out.add(new StartTlsCommand(text));
        } else {
            out.add(line);
        }
    }

    /** Called by the core handler, on a hook thread, once the protocol has handled a line. */
    void commandFinished(boolean startTlsCommand) {
        // before the count drops: a pace check that sees the server idle sees since when
        pace.commandFinished();
        activity.commandFinished();
        int left = pending.decrementAndGet();
        if (startTlsCommand) {
            ctx.executor().execute(this::startTlsAnswered);
        } else if (left == resumeAt) {
            ctx.executor().execute(this::resume);
        }
    }

    /**
     * Called from the hook thread answering the session, for each reply before it is written:
     * whether the reply opens a {@link DataPhase} (any other reply ends the one open).
     */
    void replying(boolean opensDataPhase) {
        pace.replying(opensDataPhase);
    }

    /**
     * Called from a hook thread while it answers a line: no further line is framed until {@code
     * replied} completes, when a reply held back by {@link ReplyDelay} has been written.
     */
    void holdUntil(CompletableFuture<?> replied) {
        ctx.executor().execute(() -> {
            delayedReplies++;
            replied.whenComplete((done, failure) -> ctx.executor().execute(this::delayedReplyWritten));
        });
    }

    /**
     * Called on the event loop when the protocol accepted STARTTLS: writes the reply in clear text
     * and inserts the TLS handler before any further byte is read, or refuses the connection if the
     * client already sent more (RFC 3207 §4.2: the client must wait for the reply).
     */
    void beginTls(ByteBuf reply, Encryption encryption) {
        if (actualReadableBytes() > 0) {
            reply.release();
            stop();
            internalBuffer().skipBytes(actualReadableBytes());
            ctx.fireExceptionCaught(new CommandInjectionDetectedException());
            return;
        }
        // from this handler towards the socket, so the reply is on its way in clear text before the
        // TLS handler goes in (handlers nearer the protocol may run on other threads)
        ctx.writeAndFlush(reply);
        ctx.pipeline().addFirst(HandlerConstants.SSL_HANDLER, encryption.sslHandler());
        tlsStarted = true;
    }

    /** Event loop only: no further line is framed and the socket is no longer read (shutdown, timeout). */
    void stop() {
        stopped = true;
        pace.stop();
        pauseReading();
    }

    /**
     * Called from a hook thread when the protocol ended the session (QUIT, a 421): the lines the
     * client sent after the command that ended it are never framed.
     */
    void sessionEnded() {
        ctx.executor().execute(this::stop);
    }

    /** Input held unframed: never more than a line's worth plus one read, however long the line. */
    int bufferedBytes() {
        return actualReadableBytes();
    }

    /** Whether a line is being processed: the server, not the client, is the one taking its time. */
    boolean busy() {
        return pending.get() > 0;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            resume();
        }
        super.channelWritabilityChanged(ctx);
    }

    /** A closed channel reads nothing anyway, and Netty 4.2 fails when asked to stop reading one. */
    private void pauseReading() {
        if (ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private boolean accepting() {
        return !stopped && !awaitingStartTls && delayedReplies == 0 && pending.get() < maxPendingCommands
                && ctx.channel().isWritable();
    }

    private void delayedReplyWritten() {
        delayedReplies--;
        resume();
    }

    private void startTlsAnswered() {
        awaitingStartTls = false;
        resume();
    }

    /**
     * Frames what is buffered, then reads the socket again. Frames released here are followed by a
     * read-complete event as after a socket read, so the idle timer sees the activity.
     */
    private void resume() {
        if (!accepting()) {
            return;
        }
        if (actualReadableBytes() > 0) {
            try {
                channelRead(ctx, Unpooled.EMPTY_BUFFER);
            } catch (Exception e) {
                ctx.fireExceptionCaught(e);
            }
            ctx.fireChannelReadComplete();
        }
        if (accepting()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * The next line of {@code buffer} with its ending, an {@link OverlongLine} once the LF of a
     * line over the limit has come, or null when the rest of a line is still to come (the bytes of
     * a line over the limit consumed meanwhile).
     */
    private Object nextLine(ByteBuf buffer) {
        int start = buffer.readerIndex();
        int readable = buffer.readableBytes();
        if (dropping) {
            int lf = buffer.forEachByte(start, readable, ByteProcessor.FIND_LF);
            if (lf < 0) {
                droppedCr = buffer.getByte(start + readable - 1) == '\r';
                buffer.skipBytes(readable);
                return null;
            }
            boolean endedWithCrlf = lf > start ? buffer.getByte(lf - 1) == '\r' : droppedCr;
            buffer.readerIndex(lf + 1);
            dropping = false;
            return OverlongLine.endingWith(endedWithCrlf);
        }
        int window = Math.min(readable, maxLineLength);
        int lf = buffer.forEachByte(start + searched, window - searched, ByteProcessor.FIND_LF);
        if (lf >= 0) {
            searched = 0;
            // a copy, not a retained slice: a slice the hook threads still hold pins the whole
            // cumulation buffer, which then cannot be compacted and grows (to 512 KiB per session
            // in DATA), so that a thousand sessions exhaust the direct memory
            return buffer.readBytes(lf + 1 - start);
        }
        if (readable < maxLineLength) {
            searched = readable;
            return null;
        }
        // maxLineLength bytes without an LF: too long whatever follows; drop them, and the rest as it comes
        searched = 0;
        dropping = true;
        droppedCr = buffer.getByte(start + maxLineLength - 1) == '\r';
        buffer.skipBytes(maxLineLength);
        return null;
    }

    /**
     * Matches the line the way James's command parser reads it (US-ASCII, trimmed, upper-cased,
     * command up to the first space) but without requiring the space, so "STLS x" and even
     * "STARTTLSX" are held too: holding a line that turns out not to start TLS costs one round trip,
     * missing one would reopen the injection hole.
     */
    private boolean mayStartTls(ByteBuf line) {
        if (startTlsCommand == null || tlsStarted) {
            return false;
        }
        int index = line.readerIndex();
        int end = line.writerIndex();
        while (index < end && isTrimmed(line.getByte(index))) {
            index++;
        }
        if (end - index < startTlsCommand.length) {
            return false;
        }
        for (byte expected : startTlsCommand) {
            if (upperCase(line.getByte(index++)) != expected) {
                return false;
            }
        }
        return true;
    }

    /** {@link String#trim()} removes every character up to U+0020. */
    private static boolean isTrimmed(byte b) {
        return b >= 0 && b <= ' ';
    }

    private static byte upperCase(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b;
    }
}
