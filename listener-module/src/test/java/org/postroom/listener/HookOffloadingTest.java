package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reason this module exists: James runs hooks on the Netty I/O threads, so one hook waiting
 * for the database delayed the greeting of every connection on the same thread (JAMES-NOTES,
 * "Thread model": 10 of 20 banners late by up to 2.9 s). Here one session is held in a hook for
 * three seconds while twenty other clients connect; each must be greeted within a second.
 */
class HookOffloadingTest {

    private static final Duration HOOK_BLOCKS = Duration.ofSeconds(3);
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final int OTHER_CLIENTS = 20;

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void twentyNewSmtpClientsAreGreetedPromptlyWhileOneSessionIsHeldInAMessageHook() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        smtp.blockMessagesFor(HOOK_BLOCKS);
        int port = listeners.bind(smtp.protocol(),
                ListenerFixture.settings("smtp-test", TestReplies.SMTP).ioThreads(1).build()).port();

        try (LineClient blocked = LineClient.connect(port)) {
            assertThat(blocked.reply()).startsWith("220");
            blocked.send("EHLO client.test");
            blocked.readReply();
            blocked.send("MAIL FROM:<a@client.test>", "RCPT TO:<b@mx.test>", "DATA");
            assertThat(blocked.reply()).startsWith("250");
            assertThat(blocked.reply()).startsWith("250");
            assertThat(blocked.reply()).startsWith("354");
            long committing = System.nanoTime();
            CompletableFuture<String> commitReply = replyTo(blocked, "Subject: slow\r\n\r\nbody\r\n.");

            List<Duration> greetings = greetOthers(port);

            assertThat(greetings).hasSize(OTHER_CLIENTS).allSatisfy(wait -> assertThat(wait).isLessThan(PROMPT));
            assertThat(commitReply.get()).startsWith("250");
            assertThat(Duration.ofNanos(System.nanoTime() - committing)).isGreaterThanOrEqualTo(HOOK_BLOCKS);
        }
    }

    @Test
    void twentyNewPop3ClientsAreGreetedPromptlyWhileOneSessionWaitsForItsMailbox() throws Exception {
        RecordingPop3 pop3 = new RecordingPop3();
        pop3.blockListingFor(HOOK_BLOCKS);
        int port = listeners.bind(pop3.protocol(),
                ListenerFixture.settings("pop3-test", TestReplies.POP3).ioThreads(1).build()).port();

        try (LineClient blocked = LineClient.connect(port)) {
            assertThat(blocked.readLine()).startsWith("+OK");
            assertThat(blocked.command("USER alice@mx.test")).startsWith("+OK");
            assertThat(blocked.command("PASS secret")).startsWith("+OK");
            CompletableFuture<String> statReply = replyTo(blocked, "STAT");

            List<Duration> greetings = greetOthers(port);

            assertThat(greetings).hasSize(OTHER_CLIENTS).allSatisfy(wait -> assertThat(wait).isLessThan(PROMPT));
            assertThat(statReply.get()).startsWith("+OK 0 0");
        }
    }

    @Test
    void hooksRunOnTheListenersNamedHookThreadsNotOnTheIoThreads() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), ListenerFixture.settings("smtp-named", TestReplies.SMTP).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<a@client.test>")).startsWith("250");
        }

        assertThat(smtp.mails()).singleElement()
                .satisfies(mail -> assertThat(mail.thread()).matches("smtp-named-hooks-\\d+"));
    }

    /** Sends the line on another thread and returns its reply when it comes. */
    private CompletableFuture<String> replyTo(LineClient client, String line) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                client.send(line);
                return client.reply();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, clients);
    }

    /** Connects the other clients one after another and measures how long each waits for its greeting. */
    private static List<Duration> greetOthers(int port) throws Exception {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < OTHER_CLIENTS; i++) {
            long start = System.nanoTime();
            try (LineClient other = LineClient.connect(port)) {
                String greeting = other.readLine();
                waits.add(Duration.ofNanos(System.nanoTime() - start));
                assertThat(greeting).matches("(220|\\+OK).*");
            }
        }
        return waits;
    }
}
