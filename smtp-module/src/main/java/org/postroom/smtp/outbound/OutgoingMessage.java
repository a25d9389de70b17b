package org.postroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bytes that go out after DATA: the DKIM-Signature field (when the message was signed) and
 * then the stored message exactly as it was received. The stored bytes use CRLF throughout (the
 * inbound side refuses bare CR and LF), so nothing here can produce a bare line ending.
 *
 * @param signature the complete "DKIM-Signature: ..." field without its CRLF, empty when unsigned
 * @param eightBit the content has bytes above 127 (so BODY=8BITMIME is declared where offered)
 */
record OutgoingMessage(String signature, boolean eightBit, Content content) {

    /** Opens the stored bytes afresh for each transaction (a message may be sent to several hosts). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    public void writeTo(OutputStream out) throws IOException {
        if (!signature.isEmpty()) {
            out.write((signature + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        try (InputStream in = content.open()) {
            in.transferTo(out);
        }
    }
}
