package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TopLinesTest {

    private static final String MESSAGE = "Subject: hi\r\nFrom: a@example.com\r\n\r\none\r\ntwo\r\nthree\r\n";

    @Test
    void zeroLinesIsTheHeaderAndTheBlankLine() throws IOException {
        assertThat(top(MESSAGE, 0)).isEqualTo("Subject: hi\r\nFrom: a@example.com\r\n\r\n");
    }

    @Test
    void nLinesAddTheFirstNBodyLines() throws IOException {
        assertThat(top(MESSAGE, 2)).isEqualTo("Subject: hi\r\nFrom: a@example.com\r\n\r\none\r\ntwo\r\n");
    }

    @Test
    void moreLinesThanTheBodyHasIsTheWholeMessage() throws IOException {
        assertThat(top(MESSAGE, 100)).isEqualTo(MESSAGE);
    }

    @Test
    void aMessageWithoutBodyIsAllHeader() throws IOException {
        assertThat(top("Subject: only\r\nX: y\r\n", 0)).isEqualTo("Subject: only\r\nX: y\r\n");
    }

    @Test
    void aBlankBodyLineCountsAsALine() throws IOException {
        assertThat(top("S: x\r\n\r\n\r\nsecond\r\n", 1)).isEqualTo("S: x\r\n\r\n\r\n");
    }

    private static String top(String message, int lines) throws IOException {
        try (InputStream in = new TopLines(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)), lines)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
