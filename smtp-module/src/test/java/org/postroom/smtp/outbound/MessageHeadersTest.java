package org.postroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MessageHeadersTest {

    @Test
    void theHeaderSectionIsReadUpToItsEmptyLineAndTheBodyIsLeft() throws IOException {
        ByteArrayInputStream in = stream("Subject: x\r\nFrom: a@example.com\r\n\r\nbody\r\n");
        assertThat(new String(MessageHeaders.read(in), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: x\r\nFrom: a@example.com\r\n\r\n");
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("body\r\n");
    }

    @Test
    void theFromDomainIsFoundInAnyCommonForm() throws IOException {
        assertThat(fromDomain("From: Alice <alice@Example.COM>\r\n\r\n")).isEqualTo("example.com");
        assertThat(fromDomain("from: alice@example.com (Alice)\r\n\r\n")).isEqualTo("example.com");
        assertThat(fromDomain("Subject: x\r\nFrom: \"Last, First\"\r\n <first@example.com>\r\n\r\n"))
                .isEqualTo("example.com");
        assertThat(fromDomain("Subject: no from\r\n\r\n")).isEmpty();
    }

    private static String fromDomain(String header) throws IOException {
        return MessageHeaders.fromDomain(MessageHeaders.read(stream(header))).orElse("");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }
}
