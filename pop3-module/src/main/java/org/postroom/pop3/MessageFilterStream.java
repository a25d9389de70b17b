package org.postroom.pop3;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that changes a message on its way to the client, working on blocks: the netty
 * transport reads it in 8 KiB chunks, so single-byte reads only need to be correct, not fast.
 */
abstract class MessageFilterStream extends InputStream {

    final InputStream source;

    MessageFilterStream(InputStream source) {
        this.source = source;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] out, int offset, int length) throws IOException;

    @Override
    public void close() throws IOException {
        source.close();
    }
}
