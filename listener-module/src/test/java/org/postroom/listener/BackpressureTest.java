package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that pipelines thousands of commands while a hook blocks is served in order, without
 * the listener queueing them all: the framer's unit test shows the bound, this one that nothing
 * is lost or reordered when reading stops and resumes many times over.
 */
class BackpressureTest {

    private static final int PAIRS = 5_000;

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void tenThousandCommandsPipelinedBehindABlockedHookAreAllAnsweredInOrder() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(),
                ListenerFixture.settings("smtp-flood", TestReplies.SMTP).maxPendingCommands(16).build()).port();
        List<String> flood = new ArrayList<>(List.of("MAIL FROM:<first@client.test>"));
        IntStream.range(0, PAIRS).forEach(i -> flood.addAll(List.of("RSET", "MAIL FROM:<s" + i + "@client.test>")));
        flood.add("QUIT");

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.command("EHLO client.test");
            smtp.holdNextMailFor(Duration.ofSeconds(1));
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(client, flood));

            List<String> replies = new ArrayList<>();
            for (String reply = client.readLine(); reply != null; reply = client.readLine()) {
                replies.add(reply.substring(0, 3));
            }
            sending.get();

            assertThat(replies).hasSize(flood.size());
            assertThat(replies.subList(0, flood.size() - 1)).containsOnly("250");
            assertThat(replies.get(flood.size() - 1)).isEqualTo("221");
        }
        List<String> senders = smtp.mails().stream().map(RecordingSmtp.Mail::sender).toList();
        assertThat(senders).hasSize(PAIRS + 1).startsWith("first@client.test", "s0@client.test", "s1@client.test")
                .endsWith("s" + (PAIRS - 1) + "@client.test")
                .containsExactlyElementsOf(flood.stream().filter(line -> line.startsWith("MAIL"))
                        .map(line -> line.substring("MAIL FROM:<".length(), line.length() - 1)).toList());
    }

    private static void send(LineClient client, List<String> lines) {
        try {
            client.send(lines.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
