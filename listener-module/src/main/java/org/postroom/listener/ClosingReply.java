package org.postroom.listener;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.util.AttributeKey;

/**
 * Sends one last reply line and closes the connection, as RFC 5321 §3.8 asks of a server that
 * ends a session on its own (limits, idle timeout, shutdown): the client then sees why. A client
 * that stopped reading cannot hold the connection open by leaving the reply unsent: it is closed
 * after a few seconds regardless.
 *
 * <p>The line and the close enter the pipeline in front of the handlers that run on hook threads.
 * Netty keeps a connection's events in order on those threads, so a write or close from the
 * pipeline's tail waits behind a hook that is still blocked (a commit held by the database when
 * the shutdown grace runs out), and the client would be neither told nor let go until it ends.
 */
final class ClosingReply {

    /** The line sent, kept on the channel for the session's log ({@link ProtocolListener#closingReply}). */
    static final AttributeKey<String> SENT = AttributeKey.valueOf("postroom.closing-reply");

    private static final long FORCE_CLOSE_SECONDS = 5;

    private ClosingReply() {
    }

    static void send(Channel channel, String line) {
        channel.attr(SENT).setIfAbsent(line);
        ChannelOutboundInvoker front = frontOf(channel);
        ChannelFuture written = front.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.US_ASCII));
        written.addListener(done -> front.close());
        if (!written.isDone()) {
            channel.eventLoop().schedule(() -> front.close(), FORCE_CLOSE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Closes the connection now, without a reply and without waiting for its hooks. */
    static void closeNow(Channel channel) {
        frontOf(channel).close();
    }

    /** The framer runs on the I/O thread and only TLS lies between it and the socket. */
    private static ChannelOutboundInvoker frontOf(Channel channel) {
        ChannelHandlerContext framer = channel.pipeline().context(CommandFramer.class);
        return framer != null ? framer : channel;
    }
}
