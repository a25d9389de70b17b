package org.postroom.listener;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.apache.james.protocols.netty.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.util.ReferenceCountUtil;

/**
 * James's protocol handler, run on the listener's hook threads instead of the event loop (one per
 * connection, so commands and replies of a session stay in order). On top of James it
 * <ul>
 *   <li>reports every handled line back to the {@link CommandFramer}, which releases the next ones;</li>
 *   <li>answers a line over the length limit when its end has come, in turn with the other lines,
 *       telling the session how it ended if it asks ({@link OverlongLineSession}), and ending the
 *       exchange (AUTH) the line was to answer;</li>
 *   <li>creates sessions on a {@link ListenerTransport}, for the event-loop STARTTLS switch, and
 *       tells each session which listener it came in on ({@link ProtocolListener#nameOf});</li>
 *   <li>names the client in the logging context by IP only, without a reverse DNS lookup
 *       ({@link ClientAddressLogContext});</li>
 *   <li>counts sessions for a graceful unbind;</li>
 *   <li>drops the lines framed before the session ended but handled after (QUIT, a 421);</li>
 *   <li>keeps a client's own failures out of the error log: a failed TLS handshake or a reset
 *       connection is logged at INFO, input sent behind STARTTLS at WARN, answered with the
 *       protocol's {@link ListenerReplies#pipelinedAfterStartTls} line before the connection
 *       closes. Anything else is a fault of the server's: James logs it as an error, with its
 *       stack trace, and sends the protocol's fatal reply.</li>
 * </ul>
 */
final class OffloadedCoreHandler extends BasicChannelInboundHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(OffloadedCoreHandler.class);

    private final String listenerName;
    private final String pipelinedAfterStartTls;
    private final CommandFramer framer;
    private final ListenerActivity activity;
    private ListenerTransport transport;
    /**
     * How many line handlers the session has pushed and not popped, as James's stack of them holds:
     * more than none, an exchange (DATA, AUTH) is taking the client's lines. Mostly hook threads
     * push and pop; James also pushes from whichever thread writes a session-ending reply (POP3
     * ends a failed RETR from another thread), hence atomic.
     */
    private final AtomicInteger exchanges = new AtomicInteger();

    OffloadedCoreHandler(Protocol protocol, Encryption encryption, ListenerSettings settings, CommandFramer framer,
            ListenerActivity activity) {
        super(new ClientAddressLogContext(), protocol, encryption, false);
        this.listenerName = settings.name();
        this.pipelinedAfterStartTls = settings.replies().pipelinedAfterStartTls();
        this.framer = framer;
        this.activity = activity;
    }

    @Override
    protected ProtocolSession createSession(ChannelHandlerContext ctx) {
        transport = new ListenerTransport(ctx.channel(), secure, framer);
        ProtocolSession session = protocol.newSession(transport);
        session.setAttachment(ProtocolListener.LISTENER_NAME, listenerName, ProtocolSession.State.Connection);
        return session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        activity.sessionOpened();
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            super.channelInactive(ctx);
        } finally {
            activity.sessionClosed();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean startTls = msg instanceof StartTlsCommand;
        try {
            if (transport.ended()) {
                // framed before the session ended (QUIT, a 421): its answer would reach no one, and
                // James would log each such line
                ReferenceCountUtil.release(msg);
            } else if (msg instanceof OverlongLine overlong) {
                answer(ctx, overlong);
            } else {
                super.channelRead(ctx, startTls ? ((StartTlsCommand) msg).content() : msg);
            }
        } finally {
            framer.commandFinished(startTls);
        }
    }

    /**
     * What James does for a frame that was too long, with the line's ending for the sessions that
     * ask, and one thing James does not: outside a {@link DataPhase}, a line answering an exchange
     * a line handler runs (an AUTH challenge) ends that exchange, or the client's next command would
     * be taken for its answer.
     */
    private void answer(ChannelHandlerContext ctx, OverlongLine line) {
        ProtocolSession session = session(ctx);
        if (session == null) {
            return;
        }
        boolean endsExchange = exchanges.get() > 0 && !transport.inDataPhase();
        if (endsExchange) {
            session.popLineHandler();
        }
        Response response;
        if (session instanceof OverlongLineSession aware) {
            response = endsExchange ? aware.exchangeLineTooLong() : aware.lineTooLong(line.endedWithCrlf());
        } else {
            response = session.newLineTooLongResponse();
        }
        if (response != null) {
            transport.writeResponse(response, session);
        }
    }

    /** The protocol's session hands its next lines to {@code handler} (DATA, an AUTH exchange). */
    @Override
    public void pushLineHandler(ChannelInboundHandlerAdapter handler) {
        super.pushLineHandler(handler);
        exchanges.incrementAndGet();
    }

    /** As in James, a pop with no handler pushed changes nothing. */
    @Override
    public void popLineHandler() {
        exchanges.getAndUpdate(pushed -> Math.max(0, pushed - 1));
        super.popLineHandler();
    }

    /**
     * Closes through the channel, not this context: a context close would complete on this
     * handler's hook executor, which may already be shut down when the close completes.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        Object client = ClientAddress.of(ctx.channel());
        SSLException tlsFailure = tlsFailure(cause);
        if (cause instanceof CommandInjectionDetectedException) {
            LOGGER.warn("refusing {}: clear-text input after STARTTLS, before the TLS handshake", client);
            ClosingReply.send(ctx.channel(), pipelinedAfterStartTls);
        } else if (tlsFailure != null) {
            LOGGER.info("TLS with {} failed: {}", client, describe(tlsFailure));
            ctx.channel().close();
        } else if (cause instanceof IOException) {
            LOGGER.info("connection from {} lost: {}", client, cause.getMessage());
            ctx.channel().close();
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }

    private static ProtocolSession session(ChannelHandlerContext ctx) {
        return (ProtocolSession) ctx.channel().attr(SESSION_ATTRIBUTE_KEY).get();
    }

    /** Netty's not-a-record message dumps the client's bytes in hex, which may hold a password. */
    private static String describe(SSLException failure) {
        return failure instanceof NotSslRecordException ? "the client did not send a TLS record" : failure.getMessage();
    }

    /** The TLS error behind {@code cause} (the TLS handler wraps it in a decoder exception), or null. */
    private static SSLException tlsFailure(Throwable cause) {
        Throwable candidate = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return candidate instanceof SSLException ssl ? ssl : null;
    }
}
