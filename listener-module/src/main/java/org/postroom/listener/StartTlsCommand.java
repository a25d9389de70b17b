package org.postroom.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * A clear-text line that may be the STARTTLS/STLS command, marked by the {@link CommandFramer} so
 * that the core handler reports back when the protocol has answered it: until then no further
 * input is framed. A holder rather than a flag keeps the mark on the very line it belongs to, and
 * being reference-counted it is released like a plain line if the channel goes away first.
 */
final class StartTlsCommand extends DefaultByteBufHolder {

    StartTlsCommand(ByteBuf line) {
        super(line);
    }
}
