package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.apache.james.protocols.netty.HandlerConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.listener.tls.ListenerTls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

/** The framer's lines, flow control and STARTTLS hold, on an in-memory channel where nothing races. */
class CommandFramerTest {

    private static ListenerTls tls;

    private final List<Object> released = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    @BeforeAll
    static void createCertificate(@TempDir Path tlsDirectory) {
        tls = ListenerTls.selfSigned(tlsDirectory, "mx.test");
    }

    @Test
    void eachLineKeepsItsEndingAsSentAndALineOfExactlyTheLimitIsALine() {
        CommandFramer framer = new CommandFramer(1000, 64, null, new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);

        channel.writeInbound(ascii("one\r\ntw"), ascii("o\nthree\r"), ascii("\r\n" + "x".repeat(998) + "\r\n"));

        assertThat(released).extracting(CommandFramerTest::raw)
                .containsExactly("one\r\n", "two\n", "three\r\r\n", "x".repeat(998) + "\r\n");
    }

    @Test
    void aLineOverTheLimitIsDroppedAndReportedWithTheEndingItHad() {
        CommandFramer framer = new CommandFramer(1000, 64, null, new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);

        channel.writeInbound(ascii("y".repeat(1001) + "\n.\r\nNEXT\r\n" + "y".repeat(999) + "\r\n"));

        assertThat(released).containsExactly(OverlongLine.endingWith(false), released.get(1), released.get(2),
                OverlongLine.endingWith(true));
        assertThat(raw(released.get(1))).isEqualTo(".\r\n");
        assertThat(raw(released.get(2))).isEqualTo("NEXT\r\n");
    }

    @Test
    void theEndingOfADroppedLineIsReadFromTheBytesEvenWhenItsCrCameInAnEarlierRead() {
        CommandFramer framer = new CommandFramer(1000, 64, null, new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);

        channel.writeInbound(ascii("y".repeat(5000) + "\r"), ascii("\n"), ascii("y".repeat(1500)), ascii("\r"),
                ascii("y\n"), ascii("y".repeat(999) + "\r"), ascii("\n"));

        assertThat(released).containsExactly(OverlongLine.endingWith(true), OverlongLine.endingWith(false),
                OverlongLine.endingWith(true));
    }

    @Test
    void aHugeLineIsNeverHeldInMemory() {
        CommandFramer framer = new CommandFramer(1000, 64, null, new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);

        for (int i = 0; i < 100; i++) {
            channel.writeInbound(ascii("y".repeat(700)));
            assertThat(framer.bufferedBytes()).as("bytes held").isLessThan(1000);
        }
        channel.writeInbound(ascii("\r\nNOOP\r\n"));

        assertThat(released).hasSize(2).first().isEqualTo(OverlongLine.endingWith(true));
        assertThat(raw(released.get(1))).isEqualTo("NOOP\r\n");
    }

    @Test
    void linesBeyondThePendingLimitWaitUnparsedAndTheSocketIsNotRead() {
        CommandFramer framer = new CommandFramer(1000, 4, null, new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);

        channel.writeInbound(lines(10));

        assertThat(released).hasSize(4);
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void whenHalfThePendingLinesAreAnsweredTheNextOnesAreReleased() {
        CommandFramer framer = new CommandFramer(1000, 4, null, new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);
        channel.writeInbound(lines(10));

        framer.commandFinished(false);
        channel.runPendingTasks();
        assertThat(released).as("one answered: still three pending, above half").hasSize(4);

        framer.commandFinished(false);
        channel.runPendingTasks();
        assertThat(released).as("two answered: refilled to four pending").hasSize(6);

        answer(framer, channel, 6);
        assertThat(released).hasSize(10);
        assertThat(channel.config().isAutoRead()).as("reading again once nothing waits").isTrue();
        assertThat(released).extracting(CommandFramerTest::text).containsExactly(
                "L0", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9");
    }

    @Test
    void nothingAfterStartTlsIsReleasedUntilTheProtocolAnsweredIt() {
        CommandFramer framer = new CommandFramer(1000, 64, "STARTTLS", new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);

        channel.writeInbound(ascii("EHLO x\r\n  starttls\r\nNOOP\r\n"));

        assertThat(released).hasSize(2);
        assertThat(released.get(1)).isInstanceOf(StartTlsCommand.class);

        framer.commandFinished(false);
        framer.commandFinished(true);
        channel.runPendingTasks();
        assertThat(released).as("refused STARTTLS: the next line follows").hasSize(3);
        assertThat(text(released.get(2))).isEqualTo("NOOP");
    }

    @Test
    void theTlsSwitchIsRefusedWhenClearTextFollowedTheCommand() {
        CommandFramer framer = new CommandFramer(1000, 64, "STARTTLS", new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);
        channel.writeInbound(ascii("STARTTLS\r\nMAIL FROM:<attacker@evil.test>\r\n"));

        framer.beginTls(ascii("220 go ahead\r\n"), tls.startTlsEncryption());

        assertThat(failures).singleElement().isInstanceOf(CommandInjectionDetectedException.class);
        assertThat(channel.pipeline().get(SslHandler.class)).isNull();
        assertThat((Object) channel.readOutbound()).as("no 220 reply").isNull();
        framer.commandFinished(true);
        channel.runPendingTasks();
        assertThat(released).as("the injected line is never released").hasSize(1);
    }

    @Test
    void theTlsSwitchWritesTheReplyInClearTextThenInsertsTls() {
        CommandFramer framer = new CommandFramer(1000, 64, "STARTTLS", new ListenerActivity(), relaxedPace());
        EmbeddedChannel channel = channel(framer);
        channel.writeInbound(ascii("STARTTLS\r\n"));

        framer.beginTls(ascii("220 go ahead\r\n"), tls.startTlsEncryption());

        ByteBuf reply = channel.readOutbound();
        assertThat(reply.toString(StandardCharsets.US_ASCII)).isEqualTo("220 go ahead\r\n");
        reply.release();
        assertThat(channel.pipeline().names().get(0)).isEqualTo(HandlerConstants.SSL_HANDLER);
        assertThat(failures).isEmpty();
        channel.finishAndReleaseAll();
    }

    @AfterEach
    void releaseLines() {
        released.forEach(ReferenceCountUtil::release);
    }

    private EmbeddedChannel channel(CommandFramer framer) {
        return new EmbeddedChannel(framer, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                released.add(msg);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failures.add(cause);
            }
        });
    }

    /** Limits no test here comes near. */
    private static ClientPace relaxedPace() {
        return new ClientPace(Duration.ofHours(1), 1, Duration.ofHours(1), TestReplies.SMTP);
    }

    private static void answer(CommandFramer framer, EmbeddedChannel channel, int count) {
        for (int i = 0; i < count; i++) {
            framer.commandFinished(false);
            channel.runPendingTasks();
        }
    }

    private static ByteBuf lines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append('L').append(i).append("\r\n");
        }
        return ascii(text.toString());
    }

    private static ByteBuf ascii(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    private static String raw(Object line) {
        return ((ByteBuf) line).toString(StandardCharsets.US_ASCII);
    }

    private static String text(Object line) {
        ByteBuf content = line instanceof StartTlsCommand command ? command.content() : (ByteBuf) line;
        return content.toString(StandardCharsets.US_ASCII).strip();
    }
}
