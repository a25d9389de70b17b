package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Lines longer than the configured limit get the protocol's own answer, in turn, and no more; one
 * that answers an exchange outside the data (an AUTH challenge) ends it.
 */
class LineLengthTest {

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void aLineOverTheLimitIsAnsweredWithTheProtocolsLineTooLongReplyAndTheSessionGoesOn() throws Exception {
        int port = bind(new RecordingSmtp());

        try (LineClient client = LineClient.connect(port)) {
            client.reply();

            client.send("NOOP", "NOOP " + "x".repeat(600), "NOOP");

            assertThat(client.reply()).startsWith("250");
            assertThat(client.reply()).startsWith("500").contains("Line length exceeded");
            assertThat(client.reply()).startsWith("250");
        }
    }

    @Test
    void aLineOverTheLimitAnsweringAnAuthChallengeEndsTheExchange() throws Exception {
        int port = bind(new RecordingSmtp());

        try (LineClient client = LineClient.connect(port)) {
            client.reply();

            client.send("AUTH LOGIN");
            assertThat(client.reply()).startsWith("334");
            client.send("x".repeat(600), "NOOP");

            assertThat(client.reply()).startsWith("500").contains("Line length exceeded");
            // a command again, not the user name the challenge asked for
            assertThat(client.reply()).startsWith("250");
        }
    }

    @Test
    void aLineOverTheLimitInsideTheDataLeavesTheDataToTheProtocol() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = bind(smtp);

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.send("HELO client.test", "MAIL FROM:<a@client.test>", "RCPT TO:<b@mx.test>", "DATA");
            assertThat(client.reply()).startsWith("250");
            assertThat(client.reply()).startsWith("250");
            assertThat(client.reply()).startsWith("250");
            assertThat(client.reply()).startsWith("354");

            client.send("x".repeat(600), "NOOP", ".");

            // James's own answer, mid-data; the line after it is still part of the message
            assertThat(client.reply()).startsWith("500").contains("Line length exceeded");
            assertThat(client.reply()).startsWith("250");
        }
        assertThat(smtp.messages()).hasSize(1);
        assertThat(smtp.messages().get(0)).endsWith("NOOP");
    }

    /** Binds {@code smtp} on a listener that takes lines of up to 512 octets; returns its port. */
    private int bind(RecordingSmtp smtp) {
        return listeners.bind(smtp.protocol(),
                ListenerFixture.settings("smtp-lines", TestReplies.SMTP).maxLineLength(512).build()).port();
    }
}
