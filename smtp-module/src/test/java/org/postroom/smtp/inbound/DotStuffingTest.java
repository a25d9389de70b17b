package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 5321 §4.5.2: the server removes the first dot of every line of the data that starts with one
 * (the line "." alone ends the data). A client that doubles its dots gets its message back as it
 * was; one that does not loses the dot, as Postfix's and every other compliant server's reading has
 * it. James removes it only from a line that starts with two (found by SmtpDataFuzzTest).
 */
class DotStuffingTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    @Test
    void theFirstDotOfEveryLineThatStartsWithOneIsRemoved() {
        bed.receive("client.example", "far@elsewhere.test", "alice@example.com",
                "Subject: dots\r\n\r\n..two\r\n.one\r\n...three\r\n. space\r\n.\u00e9\r\nplain\r\n", "250 2.0.0");

        List<byte[]> inbox = bed.mail().inbox("alice@example.com");
        assertThat(new String(inbox.get(inbox.size() - 1), StandardCharsets.ISO_8859_1))
                .endsWith("\r\nSubject: dots\r\n\r\n.two\r\none\r\n..three\r\n space\r\n\u00e9\r\nplain\r\n");
    }
}
