package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.hook.FakeTransport;

class MissingHeadersFilterTest {

    private final MissingHeadersFilter filter = new MissingHeadersFilter("mx.postroom.test");
    private final SMTPSession session = FakeTransport.session("192.0.2.7", true);
    private final List<String> passed = new ArrayList<>();

    @Test
    void dateAndMessageIdAreAddedAtTheEndOfTheHeaderSection() {
        send("From: alice@example.com", "Subject: no date", "\tfolded", "", "body", "Date: not a header here", ".");
        assertThat(passed).hasSize(9);
        assertThat(passed.subList(0, 3)).containsExactly("From: alice@example.com", "Subject: no date", "\tfolded");
        assertThat(passed.get(3)).matches("Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}");
        assertThat(passed.get(4)).matches("Message-ID: <[0-9a-f-]{36}@mx\\.postroom\\.test>");
        assertThat(passed.subList(5, 9)).containsExactly("", "body", "Date: not a header here", ".");
    }

    @Test
    void presentFieldsAreKeptAndNotAddedAgain() {
        send("DATE: Tue, 1 Jul 2025 12:00:00 +0000", "message-id: <x@y>", "", "body", ".");
        assertThat(passed).containsExactly("DATE: Tue, 1 Jul 2025 12:00:00 +0000", "message-id: <x@y>", "", "body", ".");
    }

    @Test
    void aMessageWithoutBodyGetsThemBeforeTheEndOfData() {
        send("Subject: headers only", ".");
        assertThat(passed).hasSize(4);
        assertThat(passed.get(1)).startsWith("Date: ");
        assertThat(passed.get(2)).startsWith("Message-ID: ");
        assertThat(passed.get(3)).isEqualTo(".");
    }

    private void send(String... lines) {
        for (String line : lines) {
            filter.onLine(session, (line + "\r\n").getBytes(StandardCharsets.US_ASCII), (s, bytes) -> {
                String text = new String(bytes, StandardCharsets.US_ASCII);
                assertThat(text).endsWith("\r\n");
                passed.add(text.substring(0, text.length() - 2));
                return null;
            });
        }
    }
}
