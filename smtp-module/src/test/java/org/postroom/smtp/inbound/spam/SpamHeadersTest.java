package org.postroom.smtp.inbound.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.smtp.message.MessageHeaders;

/** The header section of a message the spam filter marked, as it is stored. */
class SpamHeadersTest {

    private static final List<String> OURS = List.of("X-Spam-Flag: YES", "X-Spam-Status: Yes, score=7.00 action=add-header",
            "X-Spam-Score: 7.00");

    private static String rewrite(String header, String tag) {
        return new String(SpamHeaders.rewrite(header.getBytes(StandardCharsets.ISO_8859_1), OURS, tag),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void ourFieldsGoOnTopAndTheSubjectIsTagged() {
        assertThat(rewrite("Received: from x\r\nSubject: Cheap pills\r\n\r\n", "[SPAM]")).isEqualTo(
                "X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=7.00 action=add-header\r\nX-Spam-Score: 7.00\r\n"
                        + "Received: from x\r\nSubject: [SPAM] Cheap pills\r\n\r\n");
    }

    @Test
    void theSendersOwnVerdictFieldsAreRemovedWithTheirFoldedLines() {
        assertThat(rewrite("x-spam-status: No,\r\n\tscore=-100\r\nX-Spam-Flag : NO\r\nTo: a@example.com\r\n"
                + "X-Spam-Level: ***\r\n\r\n", "")).endsWith("X-Spam-Score: 7.00\r\nTo: a@example.com\r\n"
                        + "X-Spam-Level: ***\r\n\r\n").doesNotContain("score=-100").doesNotContain("NO");
    }

    @Test
    void aSubjectIsTaggedOnceAndKeepsItsFoldingAndBytes() {
        String latin1 = "Subject: caf\u00e9 for you\r\n\tand more\r\n\r\n";
        assertThat(rewrite(latin1, "[SPAM]")).endsWith("Subject: [SPAM] caf\u00e9 for you\r\n\tand more\r\n\r\n");
        assertThat(rewrite("Subject:   [spam] again\r\n\r\n", "[SPAM]")).endsWith("Subject:   [spam] again\r\n\r\n");
        assertThat(rewrite("Subject:\r\n\r\n", "[SPAM]")).endsWith("Subject: [SPAM]\r\n\r\n");
    }

    @Test
    void aMessageWithoutSubjectGetsOneAndANonAsciiTagIsEncoded() {
        assertThat(rewrite("From: a@example.org\r\n\r\n", "[Спам]"))
                .endsWith("From: a@example.org\r\nSubject: =?UTF-8?Q?[=D0=A1=D0=BF=D0=B0=D0=BC]?=\r\n\r\n");
        assertThat(rewrite("From: a@example.org\r\n\r\n", "")).endsWith("From: a@example.org\r\n\r\n")
                .doesNotContain("Subject");
    }

    @Test
    void aHeaderSectionCutShortOnlyGetsOurFields() {
        byte[] endless = ("X-Spam-Status: No\r\n" + "X-Filler: y\r\n".repeat(MessageHeaders.MAX_BYTES / 13))
                .substring(0, MessageHeaders.MAX_BYTES).getBytes(StandardCharsets.ISO_8859_1);
        String stored = new String(SpamHeaders.rewrite(endless, OURS, "[SPAM]"), StandardCharsets.ISO_8859_1);
        assertThat(stored).startsWith("X-Spam-Flag: YES\r\n").contains("X-Spam-Score: 7.00\r\nX-Spam-Status: No\r\n");
    }
}
