package org.postroom.smtp.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    @Test
    void theHeaderSectionIsReadUpToItsEmptyLineAndTheBodyIsLeft() throws IOException {
        ByteArrayInputStream in = stream("Subject: x\r\nFrom: a@example.com\r\n\r\nbody\r\n");
        byte[] header = MessageHeaders.read(in);
        assertThat(new String(header, StandardCharsets.US_ASCII)).isEqualTo("Subject: x\r\nFrom: a@example.com\r\n\r\n");
        assertThat(MessageHeaders.isWhole(header)).isTrue();
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("body\r\n");
    }

    @Test
    void aHeaderSectionLongerThanTheLimitIsCutThereAndSaysSo() throws IOException {
        String field = "X-Filler: " + "y".repeat(990) + "\r\n";
        byte[] header = MessageHeaders.read(stream(field.repeat(300) + "From: late@example.com\r\n\r\nbody\r\n"));
        assertThat(header).hasSize(MessageHeaders.MAX_BYTES);
        assertThat(MessageHeaders.isWhole(header)).isFalse();
    }

    @Test
    void fieldsComeAsWrittenWithTheirFoldingAndValuesUnfolded() {
        byte[] header = "DKIM-Signature: v=1;\r\n\tb=abc\r\nFrom : a@example.com\r\nfrom: b@example.com\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(MessageHeaders.fields(header)).containsExactly("DKIM-Signature: v=1;\r\n\tb=abc",
                "From : a@example.com", "from: b@example.com");
        assertThat(MessageHeaders.values(header, "FROM")).containsExactly(" a@example.com", " b@example.com");
        assertThat(MessageHeaders.values(header, "dkim-signature")).containsExactly(" v=1;\tb=abc");
    }

    @Test
    void aLineStartsAFieldWhenANameAndAColonOpenIt() {
        assertThat(MessageHeaders.fieldName("Message-ID: <x@y>\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("message-id");
        assertThat(MessageHeaders.fieldName("\tfolded: no\r\n".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(MessageHeaders.fieldName("\r\n".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(MessageHeaders.fieldName(": empty name\r\n".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void aFieldsNameIsReadLooselyWithWhiteSpaceBeforeTheColon() {
        assertThat(MessageHeaders.name("From : a@b.test")).isEqualTo("from");
        assertThat(MessageHeaders.name("Authentication-Results\t: x; none\r\n")).isEqualTo("authentication-results");
        assertThat(MessageHeaders.name("DKIM-Signature:\r\n v=1")).isEqualTo("dkim-signature");
        assertThat(MessageHeaders.name(": empty name")).isNull();
        assertThat(MessageHeaders.name("no colon")).isNull();
    }

    /** As jDKIM reads it (mime4j): control characters around the name count as white space. */
    @Test
    void controlCharactersAroundAFieldsNameAreReadAsWhiteSpace() {
        assertThat(MessageHeaders.name("From \u0007\u0007: a@b.test")).isEqualTo("from");
        assertThat(MessageHeaders.name("\u0001From\u001f: a@b.test")).isEqualTo("from");
        assertThat(MessageHeaders.name("\u0007: no name")).isNull();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
