package org.postroom.smtp.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** The header section of a message, read off the front of its bytes. */
public final class MessageHeaders {

    /** Far above any real header section; a message without a blank line stops here. */
    public static final int MAX_BYTES = 256 * 1024;

    private MessageHeaders() {
    }

    /**
     * Reads the header section including the empty line that ends it (CRLF CRLF), leaving
     * {@code in} at the first body byte, or {@link #MAX_BYTES} of it when it is longer. Reads byte
     * by byte so that nothing of the body is lost.
     */
    public static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        int last4 = 0;
        while (header.size() < MAX_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            header.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A || (header.size() == 2 && last4 == 0x0D0A)) {
                break;
            }
        }
        return header.toByteArray();
    }

    /**
     * False when {@link #read} stopped at {@link #MAX_BYTES} before the header section ended: a
     * field further down (a second From:, say) was never seen.
     */
    public static boolean isWhole(byte[] header) {
        int n = header.length;
        return n < MAX_BYTES
                || header[n - 4] == '\r' && header[n - 3] == '\n' && header[n - 2] == '\r' && header[n - 1] == '\n';
    }
}
