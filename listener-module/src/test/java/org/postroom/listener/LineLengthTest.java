package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lines longer than the configured limit get the protocol's own answer, in turn, and no more. */
class LineLengthTest {

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void aLineOverTheLimitIsAnsweredWithTheProtocolsLineTooLongReplyAndTheSessionGoesOn() throws Exception {
        int port = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-lines", TestReplies.SMTP).maxLineLength(512).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();

            client.send("NOOP", "NOOP " + "x".repeat(600), "NOOP");

            assertThat(client.reply()).startsWith("250");
            assertThat(client.reply()).startsWith("500").contains("Line length exceeded");
            assertThat(client.reply()).startsWith("250");
        }
    }
}
