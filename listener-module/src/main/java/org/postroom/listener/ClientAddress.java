package org.postroom.listener;

import java.net.InetSocketAddress;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * The address of a connection's client: the one a trusted proxy's PROXY header named, else the
 * socket's peer. Everything that names or judges the client asks here (or the session, whose
 * transport does), never the socket.
 */
final class ClientAddress {

    private static final AttributeKey<InetSocketAddress> NAMED_BY_PROXY =
            AttributeKey.valueOf(ClientAddress.class, "namedByProxy");

    private ClientAddress() {
    }

    static InetSocketAddress of(Channel channel) {
        InetSocketAddress named = channel.attr(NAMED_BY_PROXY).get();
        return named != null ? named : (InetSocketAddress) channel.remoteAddress();
    }

    /** The client's address as written in a text line: the IP address alone. */
    static String text(Channel channel) {
        InetSocketAddress address = of(channel);
        return address != null && address.getAddress() != null ? address.getAddress().getHostAddress()
                : String.valueOf(address);
    }

    static void namedByProxy(Channel channel, InetSocketAddress client) {
        channel.attr(NAMED_BY_PROXY).set(client);
    }
}
