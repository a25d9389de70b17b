package org.postroom.listener;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;

/**
 * Sends one last reply line and closes the connection, as RFC 5321 §3.8 asks of a server that
 * ends a session on its own (limits, idle timeout, shutdown): the client then sees why. A client
 * that stopped reading cannot hold the connection open by leaving the reply unsent: it is closed
 * after a few seconds regardless.
 */
final class ClosingReply {

    private static final long FORCE_CLOSE_SECONDS = 5;

    private ClosingReply() {
    }

    static void send(Channel channel, String line) {
        ChannelFuture written = channel.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.US_ASCII));
        written.addListener(ChannelFutureListener.CLOSE);
        if (!written.isDone()) {
            channel.eventLoop().schedule(() -> channel.close(), FORCE_CLOSE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
