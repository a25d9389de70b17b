package org.postroom.pop3;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A large message made up on the fly, the same bytes every time: CRLF lines, every seventh one
 * starting with a dot. Tests deliver it and compare digests without holding it in memory.
 */
final class LargeMessage extends InputStream {

    private final long size;
    private long produced;
    private byte[] line = new byte[0];
    private int position;
    private long lineNumber;

    LargeMessage(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        if (produced == size) {
            return -1;
        }
        if (position == line.length) {
            line = nextLine();
            position = 0;
        }
        produced++;
        // the last line is cut at the size, so end it with CRLF in the last two bytes
        if (produced == size - 1) {
            return '\r';
        }
        if (produced == size) {
            return '\n';
        }
        return line[position++];
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (produced == size) {
            return -1;
        }
        int n = 0;
        while (n < length && produced < size) {
            buffer[offset + n++] = (byte) read();
        }
        return n;
    }

    private byte[] nextLine() {
        lineNumber++;
        String text = (lineNumber == 1 ? "Subject: large message" : lineNumber == 2 ? ""
                : (lineNumber % 7 == 0 ? "." : "") + "line " + lineNumber + " of the large message, ".repeat(2));
        return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
