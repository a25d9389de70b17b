package org.postroom.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline of a connection refused by the {@link ConnectionLimiter} (behind the
 * TLS handler on implicit-TLS listeners, so the client can read it): the reply, then close. The
 * protocol never sees the connection, so no session or banner is created for it.
 */
final class ConnectionRefusal extends ChannelInboundHandlerAdapter {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionRefusal.class);

    private final String reply;

    ConnectionRefusal(String reply) {
        this.reply = reply;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ClosingReply.send(ctx.channel(), reply);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOGGER.debug("refused connection from {} failed before the reply: {}", ClientAddress.of(ctx.channel()), cause.toString());
        ctx.close();
    }
}
