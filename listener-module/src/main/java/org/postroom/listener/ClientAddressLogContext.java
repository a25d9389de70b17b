package org.postroom.listener;

import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;
import org.apache.james.util.MDCBuilder;

import io.netty.channel.ChannelHandlerContext;

/**
 * The logging context (SLF4J MDC) of a session: the protocol and the client's IP address, then the
 * session id and user as James adds them. James's standard context also names the client's host,
 * which costs a reverse DNS lookup on every new connection, made on a hook thread before the
 * greeting: with a slow or unreachable resolver each connection waited seconds for it (5 s stalls
 * measured in the benchmark, docs/PERFORMANCE.md), and a flood of connections from hosts without PTR
 * records would tie up every hook thread. Mail servers name clients by IP for the same reason
 * (Postfix: {@code smtpd_peername_lookup}); where a name matters (the Received header) the
 * protocols use the name the client gave in EHLO.
 */
final class ClientAddressLogContext implements ProtocolMDCContextFactory {

    @Override
    public MDCBuilder onBound(Protocol protocol, ChannelHandlerContext ctx) {
        return MDCBuilder.create()
                .addToContext(MDCBuilder.PROTOCOL, protocol.getName())
                .addToContext(MDCBuilder.IP, ClientAddress.text(ctx.channel()));
    }

    @Override
    public MDCBuilder withContext(ProtocolSession session) {
        return ProtocolMDCContextFactory.from(session);
    }
}
