package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bind, unbind and what they leave behind: ports, threads, and the work in progress. */
class ListenerLifecycleTest {

    /** Threads end and closes are counted a moment after the event; a loaded machine takes longer. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    @Test
    void bindingPortZeroExposesThePortActuallyBound() {
        ProtocolListener listener = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-port", TestReplies.SMTP).build());

        assertThat(listener.isBound()).isTrue();
        assertThat(listener.port()).isPositive().isEqualTo(listener.localAddress().getPort());
    }

    @Test
    void noThreadOfTheListenerOutlivesUnbindOverTwoCycles() throws Exception {
        ProtocolListener listener = new ProtocolListener(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-cycle", TestReplies.SMTP).build());
        for (int cycle = 0; cycle < 2; cycle++) {
            listener.bind();
            try (LineClient client = LineClient.connect(listener.port())) {
                client.reply();
                assertThat(client.command("EHLO client.test")).startsWith("250");
            }
            assertThat(threadsNamed("smtp-cycle-")).contains("smtp-cycle-accept-1", "smtp-cycle-io-1", "smtp-cycle-hooks-1");

            listener.unbind();

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(threadsNamed("smtp-cycle-"))
                    .as("threads left after unbind").isEmpty());
            assertThat(listener.isBound()).isFalse();
        }
    }

    @Test
    void aFailedBindNamesThePortAndLeavesNoThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProtocolListener listener = new ProtocolListener(new RecordingSmtp().protocol(),
                    ListenerSettings.builder("smtp-taken", (InetSocketAddress) taken.getLocalSocketAddress(), TestReplies.SMTP)
                            .build());

            assertThatThrownBy(listener::bind)
                    .isInstanceOf(ListenerBindException.class)
                    .hasMessageContaining(":" + taken.getLocalPort())
                    .hasMessageContaining("smtp-taken");

            assertThat(listener.isBound()).isFalse();
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(threadsNamed("smtp-taken-")).isEmpty());
        }
    }

    @Test
    void unbindLetsAMessageCommitInProgressFinishThenSaysGoodbye() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        ProtocolListener listener = listeners.bind(smtp.protocol(),
                ListenerFixture.settings("smtp-drain", TestReplies.SMTP).build());
        try (LineClient client = LineClient.connect(listener.port())) {
            client.reply();
            client.command("EHLO client.test");
            client.send("MAIL FROM:<alice@client.test>", "RCPT TO:<bob@mx.test>", "DATA");
            client.readReply();
            client.readReply();
            assertThat(client.reply()).startsWith("354");
            smtp.blockMessagesFor(Duration.ofMillis(1500));
            client.send("Subject: last one", "", "body", ".");
            await().atMost(PATIENCE).until(smtp::messagesStarted, started -> started == 1);

            long unbinding = System.nanoTime();
            CompletableFuture<Void> unbind = CompletableFuture.runAsync(listener::unbind);

            assertThat(client.reply()).startsWith("250");
            assertThat(client.readLine()).isEqualTo(TestReplies.SMTP.shuttingDown());
            assertThat(client.closedByServer()).isTrue();
            unbind.get();
            assertThat(Duration.ofNanos(System.nanoTime() - unbinding)).isGreaterThan(Duration.ofMillis(800));
        }
        assertThat(smtp.messages()).hasSize(1);
    }

    @Test
    void openConnectionsCountsTheClientsConnectedNow() throws Exception {
        ProtocolListener listener = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-count", TestReplies.SMTP).build());
        try (LineClient first = LineClient.connect(listener.port()); LineClient second = LineClient.connect(listener.port())) {
            first.reply();
            second.reply();
            assertThat(listener.openConnections()).isEqualTo(2);
            assertThat(second.command("QUIT")).startsWith("221");

            // the server counts the QUIT's close a moment after the client sees it
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(listener.openConnections()).isEqualTo(1));
        }
    }

    @Test
    void bindingTwiceIsRefusedAndUnbindingWhenUnboundDoesNothing() {
        ProtocolListener listener = listeners.bind(new RecordingSmtp().protocol(),
                ListenerFixture.settings("smtp-twice", TestReplies.SMTP).build());

        assertThatThrownBy(listener::bind).isInstanceOf(IllegalStateException.class);
        listener.unbind();
        listener.unbind();
        assertThat(listener.openConnections()).isZero();
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .toList();
    }
}
