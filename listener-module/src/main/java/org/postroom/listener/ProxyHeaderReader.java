package org.postroom.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The start of a connection from a trusted proxy: waits for its PROXY header (decoded by Netty's
 * {@link HAProxyMessageDecoder} before this handler), takes the client's address from it, and only
 * then lets the listener admit and serve the connection as the client's, with TLS (implicit-TLS
 * listeners) after the header. A connection without a valid header within the deadline, or with
 * something else first, is closed without a word: it is not a client's.
 *
 * <p>A {@code LOCAL} header (the proxy's own health check) or one for a protocol other than TCP
 * names no client: the connection is the proxy's own.
 */
final class ProxyHeaderReader extends ChannelInboundHandlerAdapter {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProxyHeaderReader.class);

    private final String listener;
    private final Duration deadline;
    private final Consumer<Channel> admit;
    private ScheduledFuture<?> timeout;

    /** Adds the decoder and the reader to a new connection; {@code admit} continues once the client is known. */
    static void expect(Channel channel, String listener, Duration deadline, Consumer<Channel> admit) {
        channel.pipeline().addLast(new HAProxyMessageDecoder(), new ProxyHeaderReader(listener, deadline, admit));
    }

    private ProxyHeaderReader(String listener, Duration deadline, Consumer<Channel> admit) {
        this.listener = listener;
        this.deadline = deadline;
        this.admit = admit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> refuse(ctx, "no PROXY header within " + deadline),
                deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, "data before the PROXY header");
            return;
        }
        try {
            timeout.cancel(false);
            InetSocketAddress proxy = (InetSocketAddress) ctx.channel().remoteAddress();
            ClientAddress.namedByProxy(ctx.channel(), clientOf(header, proxy));
            // the listener's handlers go after this one, and see the connection begin now
            admit.accept(ctx.channel());
            ctx.fireChannelActive();
            ctx.pipeline().remove(this);
        } finally {
            header.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the decoder's message may quote the bytes it got: not for the log
        refuse(ctx, "no valid PROXY header (" + cause.getClass().getSimpleName() + ")");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timeout.cancel(false);
        ctx.fireChannelInactive();
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (ctx.channel().isOpen()) {
            LOGGER.info("{}: closing the connection from proxy {}: {}", listener,
                    ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress(), reason);
            ctx.close();
        }
    }

    private static InetSocketAddress clientOf(HAProxyMessage header, InetSocketAddress proxy) {
        HAProxyProxiedProtocol protocol = header.proxiedProtocol();
        if (header.command() != HAProxyCommand.PROXY
                || (protocol != HAProxyProxiedProtocol.TCP4 && protocol != HAProxyProxiedProtocol.TCP6)) {
            return proxy;
        }
        InetAddress client = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        return new InetSocketAddress(client, header.sourcePort());
    }
}
