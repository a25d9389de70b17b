package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DotStuffedStreamTest {

    @Test
    void linesStartingWithADotGetASecondDot() throws IOException {
        assertThat(stuffed(".a\r\nb\r\n..c\r\n.\r\nd.\r\n")).isEqualTo("..a\r\nb\r\n...c\r\n..\r\nd.\r\n");
    }

    @Test
    void aLineAfterABareLineFeedIsStuffedToo() throws IOException {
        // a lenient client splitting on LF must not see ".CRLF" as the end of the message
        assertThat(stuffed("a\n.\r\nb\r\n")).isEqualTo("a\n..\r\nb\r\n");
    }

    @Test
    void aMissingFinalCrlfIsAdded() throws IOException {
        assertThat(stuffed("a\r\nb")).isEqualTo("a\r\nb\r\n");
        assertThat(stuffed("a\n")).isEqualTo("a\n\r\n");
        assertThat(stuffed("a\r")).isEqualTo("a\r\r\n");
    }

    @Test
    void anEmptyMessageStaysEmpty() throws IOException {
        assertThat(stuffed("")).isEmpty();
    }

    @Test
    void dotsAcrossBufferBoundariesAreStuffed() throws IOException {
        String line = "x".repeat(8190) + "\r\n";
        String message = line + ".dot\r\n" + line + line + ".\r\n";
        assertThat(stuffed(message)).isEqualTo(line + "..dot\r\n" + line + line + "..\r\n");
    }

    @Test
    void singleByteReadsGiveTheSameBytes() throws IOException {
        InputStream in = new DotStuffedStream(new ByteArrayInputStream(".a\r\nb".getBytes(StandardCharsets.US_ASCII)));
        StringBuilder out = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            out.append((char) b);
        }
        assertThat(out).hasToString("..a\r\nb\r\n");
    }

    @Test
    void readsOfEverySizeGiveTheSameBytes() throws IOException {
        // the stream copies blocks between line starts: a read may end anywhere, even between the two dots
        String message = ".a\r\nbc\n.\r\n..d\r\ne\r";
        String expected = "..a\r\nbc\n..\r\n...d\r\ne\r\r\n";
        for (int size = 1; size <= expected.length() + 1; size++) {
            InputStream in = new DotStuffedStream(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
            StringBuilder out = new StringBuilder();
            byte[] block = new byte[size];
            for (int n = in.read(block, 0, size); n != -1; n = in.read(block, 0, size)) {
                out.append(new String(block, 0, n, StandardCharsets.US_ASCII));
            }
            assertThat(out).as("reads of %d bytes", size).hasToString(expected);
        }
    }

    private static String stuffed(String message) throws IOException {
        try (InputStream in = new DotStuffedStream(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
