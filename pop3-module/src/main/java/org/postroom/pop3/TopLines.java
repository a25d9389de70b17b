package org.postroom.pop3;

import java.io.IOException;
import java.io.InputStream;

/**
 * The part of a message TOP sends (RFC 1939 §7): the header, the blank line that ends it, and
 * the first {@code bodyLines} lines of the body. A message without a blank line is all header
 * and is sent whole.
 */
final class TopLines extends MessageFilterStream {

    private long linesLeft;
    private boolean inBody;
    private int lineLength;
    private boolean done;

    TopLines(InputStream source, long bodyLines) {
        super(source);
        this.linesLeft = bodyLines;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        int n = source.read(out, offset, length);
        for (int i = 0; i < n; i++) {
            byte b = out[offset + i];
            if (b == '\n') {
                if (inBody) {
                    linesLeft--;
                } else if (lineLength == 0) {
                    inBody = true;
                }
                lineLength = 0;
                if (inBody && linesLeft <= 0) {
                    done = true;
                    return i + 1;
                }
            } else if (b != '\r') {
                lineLength++;
            }
        }
        return n;
    }
}
