package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hooks log with the client's IP in their logging context, and the listener never asks DNS for the
 * client's name: James's standard context made one reverse lookup per connection before the
 * greeting, which stalled connections for seconds whenever the resolver was slow.
 */
class ClientLogContextTest {

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void hooksSeeTheClientIpAndSessionIdButNoHostNameInTheLogContext() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), ListenerFixture.settings("smtp-mdc", TestReplies.SMTP).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<a@client.test>")).startsWith("250");
        }

        assertThat(smtp.mails()).singleElement().satisfies(mail -> assertThat(mail.logContext())
                .containsEntry("ip", "127.0.0.1")
                .containsKey("sessionId")
                .doesNotContainKey("host"));
    }
}
