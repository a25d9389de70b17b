package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSessionImpl;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.netty.NettyProtocolTransport;
import org.apache.james.protocols.smtp.SMTPStartTlsResponse;
import org.junit.jupiter.api.Test;
import org.postroom.testing.ExpectedErrors;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * What the listener takes for granted about Apache James Protocols 3.8.1 and Netty 4.2, each
 * assumption shown on its own, so that an upgrade that changes one fails here, by name, before
 * it fails somewhere in a protocol test. The classes concerned: {@link OffloadedCoreHandler}
 * extends {@link BasicChannelInboundHandler}, {@link ListenerTransport} extends {@link
 * NettyProtocolTransport}, {@link CommandFramer} extends Netty's {@link LineBasedFrameDecoder},
 * and {@link ListenerPipeline} names its handlers with James's {@link HandlerConstants}; the
 * protocols rely on the transport to end a session's transaction after a STARTTLS reply.
 * (James's {@code NettyServer} and {@code AbstractAsyncServer} are not used: {@link BoundListener}
 * binds the channel itself.)
 */
class JamesAssumptionsTest {

    private final Protocol smtp = new RecordingSmtp().protocol();

    @Test
    void theCoreHandlerMakesTheSessionThroughCreateSessionWhenTheConnectionOpensAndKeepsItOnTheChannel() throws Exception {
        List<ProtocolSession> created = new ArrayList<>();
        EmbeddedChannel channel = connected(new BasicChannelInboundHandler(new ClientAddressLogContext(), smtp) {
            @Override
            protected ProtocolSession createSession(ChannelHandlerContext ctx) {
                ProtocolSession session = super.createSession(ctx);
                created.add(session);
                return session;
            }
        });

        assertThat(created).hasSize(1);
        assertThat(channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get()).isSameAs(created.get(0));
        assertThat(written(channel)).startsWith("220 ");
    }

    @Test
    void aLineTooLongIsAnsweredWithTheSessionsOwnReplyAndTheConnectionStaysOpen() throws Exception {
        EmbeddedChannel channel = connected(new BasicChannelInboundHandler(new ClientAddressLogContext(), smtp));
        written(channel);
        ProtocolSession session = (ProtocolSession) channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();

        channel.pipeline().fireExceptionCaught(new TooLongFrameException("line too long"));

        assertThat(written(channel)).isEqualTo(lines(session.newLineTooLongResponse()));
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    @ExpectedErrors(loggers = "org.apache.james.protocols.netty.BasicChannelInboundHandler",
            because = "the assumption shown: James logs any other exception at ERROR, which is why"
                    + " OffloadedCoreHandler handles the client's own failures before James sees them")
    void anyOtherExceptionIsAnsweredWithTheFatalReplyAndClosesTheConnection() throws Exception {
        EmbeddedChannel channel = connected(new BasicChannelInboundHandler(new ClientAddressLogContext(), smtp));
        written(channel);
        ProtocolSession session = (ProtocolSession) channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();

        channel.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));

        assertThat(written(channel)).isEqualTo(lines(session.newFatalErrorResponse()));
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void theTransportHandsLineHandlersToTheHandlerNamedCoreHandlerWhichGivesThemTheNextLines() throws Exception {
        EmbeddedChannel channel = connected(new BasicChannelInboundHandler(new ClientAddressLogContext(), smtp));
        written(channel);
        ProtocolSession session = (ProtocolSession) channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
        List<String> lines = new ArrayList<>();

        session.pushLineHandler((LineHandler<ProtocolSession>) (s, line) -> {
            lines.add(new String(line, StandardCharsets.US_ASCII));
            return null;
        });
        channel.writeInbound(Unpooled.copiedBuffer("EHLO not a command now\r\n", StandardCharsets.US_ASCII));

        assertThat(lines).containsExactly("EHLO not a command now\r\n");
        assertThat(channel.<ByteBuf>readOutbound()).as("the protocol did not answer it").isNull();
    }

    @Test
    void everyReplyAndTheCloseLeaveThroughTheTransportsOverridableMethods() throws Exception {
        List<String> calls = new ArrayList<>();
        EmbeddedChannel channel = connected(new BasicChannelInboundHandler(new ClientAddressLogContext(), smtp) {
            @Override
            protected ProtocolSession createSession(ChannelHandlerContext ctx) {
                return protocol.newSession(new NettyProtocolTransport(ctx.channel(), secure, false) {
                    @Override
                    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTls) {
                        calls.add("write " + new String(bytes, StandardCharsets.US_ASCII).strip() + " tls=" + startTls);
                    }

                    @Override
                    protected void writeToClient(InputStream in, ProtocolSession session, boolean startTls) {
                        calls.add("stream");
                    }

                    @Override
                    protected void close() {
                        calls.add("close");
                    }
                });
            }
        });
        ProtocolSession session = (ProtocolSession) channel.attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();

        ((ProtocolSessionImpl) session).getProtocolTransport().writeResponse(Response.DISCONNECT, session);

        assertThat(calls.get(0)).startsWith("write 220 ").endsWith(" tls=false");
        // a reply without lines is still written, empty (ListenerTransport skips those), then the close
        assertThat(calls.subList(1, calls.size())).containsExactly("write  tls=false", "close");
    }

    @Test
    void aStartTlsReplyLeavesMarkedAsSuchAndThenEndsTheSessionsTransaction() throws Exception {
        // ListenerTransport adds TLS when the mark says so; SMTP lets its spooled message go in resetState
        List<String> calls = new ArrayList<>();
        EmbeddedChannel channel = connected(new BasicChannelInboundHandler(new ClientAddressLogContext(), smtp));
        NettyProtocolTransport transport = new NettyProtocolTransport(channel,
                Encryption.createStartTls(SSLContext.getDefault()), false) {
            @Override
            protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTls) {
                calls.add("write " + new String(bytes, StandardCharsets.US_ASCII).strip() + " tls=" + startTls);
            }
        };
        ProtocolSession session = new ProtocolSessionImpl(transport, smtp.getConfiguration()) {
            @Override
            public void resetState() {
                calls.add("resetState");
                super.resetState();
            }
        };

        transport.writeResponse(new SMTPStartTlsResponse("220", "2.0.0 Ready to start TLS"), session);

        assertThat(calls).containsExactly("write 220 2.0.0 Ready to start TLS tls=true", "resetState");
    }

    @Test
    void aDecoderGivenAnEmptyReadFramesWhatItHasBuffered() {
        // CommandFramer holds lines back and later resumes with channelRead(ctx, EMPTY_BUFFER)
        HoldingDecoder decoder = new HoldingDecoder();
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.writeInbound(Unpooled.copiedBuffer("NOOP\r\nQUIT\r\n", StandardCharsets.US_ASCII));
        assertThat(channel.<Object>readInbound()).isNull();

        decoder.holding = false;
        channel.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);

        assertThat(lines(channel)).containsExactly("NOOP\r\n", "QUIT\r\n");
    }

    @Test
    void theCoreHandlerIsFoundUnderTheNameOurPipelineGivesIt() {
        assertThat(HandlerConstants.CORE_HANDLER).isEqualTo("coreHandler");
        assertThat(HandlerConstants.FRAMER).isEqualTo("framer");
        assertThat(HandlerConstants.SSL_HANDLER).isEqualTo("sslHandler");
    }

    /** A connection as James sees it: socket addresses, and the protocol's handler as coreHandler. */
    private static EmbeddedChannel connected(BasicChannelInboundHandler coreHandler) throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, true) {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("192.0.2.7", 40000);
            }

            @Override
            protected SocketAddress localAddress0() {
                return new InetSocketAddress("127.0.0.1", 25);
            }
        };
        channel.pipeline().addLast(HandlerConstants.CORE_HANDLER, coreHandler);
        channel.register();
        return channel;
    }

    /** All that was written to the client so far. */
    private static String written(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
            text.append(buffer.toString(StandardCharsets.US_ASCII));
            buffer.release();
        }
        return text.toString();
    }

    private static List<String> lines(EmbeddedChannel channel) {
        List<String> lines = new ArrayList<>();
        for (ByteBuf line = channel.readInbound(); line != null; line = channel.readInbound()) {
            lines.add(line.toString(StandardCharsets.US_ASCII));
            line.release();
        }
        return lines;
    }

    private static String lines(Response response) {
        StringBuilder text = new StringBuilder();
        response.getLines().forEach(line -> text.append(line).append("\r\n"));
        return text.toString();
    }

    /** Frames lines only while not told to hold them, as CommandFramer does. */
    private static final class HoldingDecoder extends LineBasedFrameDecoder {

        boolean holding = true;

        HoldingDecoder() {
            super(512, false, false);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
            return holding ? null : super.decode(ctx, buffer);
        }
    }
}
