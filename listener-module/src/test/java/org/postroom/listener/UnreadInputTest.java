package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.james.protocols.api.AbstractProtocolTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.testing.LogCapture;

/**
 * Input a session never gets to, because the client left in the middle of it or the session
 * ended before it: dropped, unanswered and unlogged, never an error of the server's (the fixture
 * fails a test on one).
 */
class UnreadInputTest {

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void aClientThatLeavesInTheMiddleOfALineIsNoErrorOfTheServer() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), ListenerFixture.settings("smtp-leaving", TestReplies.SMTP).build())
                .port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.write("MAIL FROM:<never@client.te");
        }

        // the framer still holds the half line when the connection closes: it is dropped without
        // an error (the fixture fails the test on one once the session has ended)
        assertThat(smtp.mails()).isEmpty();
    }

    @Test
    void whatAClientPipelinesAfterQuitIsDroppedUnansweredAndUnlogged() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(),
                ListenerFixture.settings("smtp-quitting", TestReplies.SMTP).maxPendingCommands(2).build()).port();
        List<String> pipelined = new ArrayList<>(List.of("QUIT"));
        IntStream.range(0, 40).forEach(i -> pipelined.add("MAIL FROM:<never@client.test>"));

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.send(pipelined.toArray(String[]::new));

            assertThat(client.reply()).startsWith("221");
            assertThat(client.closedByServer()).isTrue();
        }
        listeners.unbindAll();
        assertThat(smtp.mails()).isEmpty();
        // James would log each line it was still handed after QUIT
        assertThat(log.messages(AbstractProtocolTransport.class.getName())).isEmpty();
    }
}
