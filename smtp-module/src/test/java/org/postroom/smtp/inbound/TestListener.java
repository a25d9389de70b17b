package org.postroom.smtp.inbound;

import java.net.InetSocketAddress;

import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;
import org.apache.james.protocols.netty.NettyServer;

/** An SMTP listener on a free loopback port, for one test. */
final class TestListener implements AutoCloseable {

    static final String HOSTNAME = "mx.postroom.test";
    static final int MAX_LINE = 8192;

    private final NettyServer server;

    private TestListener(InboundProtocol protocol) throws Exception {
        server = new NettyServer.Factory().protocol(protocol)
                .frameHandlerFactory(new LineDelimiterBasedChannelHandlerFactory(MAX_LINE)).build();
        server.setListenAddresses(new InetSocketAddress("127.0.0.1", 0));
        server.setGracefulShutdown(true);
        server.bind();
    }

    static TestListener serving(InboundProtocol protocol) {
        try {
            return new TestListener(protocol);
        } catch (Exception e) {
            throw new IllegalStateException("bind a test listener", e);
        }
    }

    int port() {
        return server.getListenAddresses().get(0).getPort();
    }

    @Override
    public void close() {
        server.unbind();
    }
}
