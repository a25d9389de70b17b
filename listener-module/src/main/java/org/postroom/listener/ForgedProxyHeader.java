package org.postroom.listener;

import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * On a listener behind trusted proxies, a connection from anywhere else that begins as a PROXY
 * header (version 1's {@code "PROXY "} or version 2's binary signature) is closed: it claims to be
 * a load balancer it is not. Any other first bytes pass on, and this handler leaves the pipeline.
 */
final class ForgedProxyHeader extends ChannelInboundHandlerAdapter {

    private static final Logger LOGGER = LoggerFactory.getLogger(ForgedProxyHeader.class);
    private static final ByteBuf VERSION_1 = Unpooled.unreleasableBuffer(
            Unpooled.copiedBuffer("PROXY ", StandardCharsets.US_ASCII));
    /** Version 2's signature, up to its NUL: no text protocol's line begins so. */
    private static final ByteBuf VERSION_2 = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00 }));

    private final String listener;

    ForgedProxyHeader(String listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && (startsWith(bytes, VERSION_1) || startsWith(bytes, VERSION_2))) {
            bytes.release();
            LOGGER.info("{}: closing the connection from {}: a PROXY header from an address not in"
                    + " postroom.proxy-protocol.trusted-networks", listener, ClientAddress.text(ctx.channel()));
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    private static boolean startsWith(ByteBuf bytes, ByteBuf prefix) {
        return bytes.readableBytes() >= prefix.readableBytes()
                && ByteBufUtil.equals(bytes, bytes.readerIndex(), prefix, 0, prefix.readableBytes());
    }
}
