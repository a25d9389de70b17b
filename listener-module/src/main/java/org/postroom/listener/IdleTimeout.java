package org.postroom.listener;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Closes a connection on which nothing happened for the idle timeout, after telling the client
 * why. Replaces James's {@code TimeoutHandler}, which ignores the first idle event and so fires at
 * twice the configured time, silently. "Nothing happened" means no complete line from the client
 * and no progress writing to it, so a large POP3 RETR that the client is still reading is not cut
 * off; while the server itself is working on a command (a slow database), the client is waiting
 * for us and the timer does not close the connection either (RFC 5321 §4.5.3.2: the timeouts are
 * for the side that waits).
 */
final class IdleTimeout extends IdleStateHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(IdleTimeout.class);

    private final Duration timeout;
    private final String reply;
    private final CommandFramer framer;

    IdleTimeout(Duration timeout, String reply, CommandFramer framer) {
        super(true, 0, 0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        this.timeout = timeout;
        this.reply = reply;
        this.framer = framer;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() != IdleState.ALL_IDLE || framer.busy()) {
            return;
        }
        LOGGER.info("closing the connection from {}: idle for {}", ClientAddress.of(ctx.channel()), timeout);
        framer.stop();
        ClosingReply.send(ctx.channel(), reply);
    }
}
