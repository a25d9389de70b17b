package org.postroom.listener;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.NettyProtocolTransport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;

/**
 * James's Netty transport, except for the STARTTLS reply (and empty writes, see below). James
 * writes the reply and inserts the TLS handler from whatever thread answered the command; with the
 * protocol running on hook threads that leaves a window in which the event loop reads and frames
 * clear text that the protocol then executes inside TLS. Here both steps run as one task on the
 * channel's event loop, through {@link CommandFramer#beginTls}, which also refuses the switch if
 * clear text is already waiting.
 */
final class ListenerTransport extends NettyProtocolTransport {

    private final Channel channel;
    private final Encryption encryption;
    private final CommandFramer framer;

    ListenerTransport(Channel channel, Encryption encryption, CommandFramer framer) {
        super(channel, encryption, false);
        this.channel = channel;
        this.encryption = encryption;
        this.framer = framer;
    }

    /**
     * Also skips empty writes: a reply whose status line travels in its stream (POP3's RETR) has
     * no lines, and James would still write and flush their empty bytes, an event-loop task for
     * nothing.
     */
    @Override
    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
        if (startTLS) {
            ByteBuf reply = Unpooled.wrappedBuffer(bytes);
            channel.eventLoop().execute(() -> framer.beginTls(reply, encryption));
        } else if (bytes.length > 0) {
            super.writeToClient(bytes, session, false);
        }
    }
}
