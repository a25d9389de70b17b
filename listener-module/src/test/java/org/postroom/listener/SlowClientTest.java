package org.postroom.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.testing.LogCapture;

/**
 * Slowloris: a client that sends a byte now and then never lets the idle timeout fire, and so
 * could hold a connection for as long as it likes. A line must be complete within the command
 * timeout of its first byte, and data must keep a minimum rate; past either the client is told
 * and the connection closed. Time the server itself takes does not count against the client,
 * and a client that is slow but steady is served.
 */
class SlowClientTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** Far beyond every wait of these tests: only the new limits may end a session here. */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ONE_BYTE_EVERY = Duration.ofSeconds(1);

    @RegisterExtension
    final ListenerFixture listeners = new ListenerFixture();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void anSmtpCommandTrickledByteByByteIsCutOffAtTheCommandTimeoutAndNeverRuns() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), settings("smtp-slow", TestReplies.SMTP).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            assertThat(client.command("EHLO client.test")).startsWith("250");

            Duration waited = trickle(client, "MAIL FROM:<slow@client.test>\r\n");

            assertThat(client.readLine()).isEqualTo(TestReplies.SMTP.commandTimeout());
            assertThat(waited).isBetween(COMMAND_TIMEOUT.minusMillis(200), COMMAND_TIMEOUT.plusSeconds(2));
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(smtp.mails()).isEmpty();
        assertThat(log.messages(ClientPace.class.getName())).singleElement().asString()
                .contains("a command line not completed within PT2S");
    }

    @Test
    void aPop3CommandTrickledByteByByteIsCutOffAtTheCommandTimeout() throws Exception {
        RecordingPop3 pop3 = new RecordingPop3();
        int port = listeners.bind(pop3.protocol(), settings("pop3-slow", TestReplies.POP3).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            assertThat(client.readLine()).startsWith("+OK");
            assertThat(client.command("USER alice@client.test")).startsWith("+OK");

            Duration waited = trickle(client, "PASS secret\r\n");

            assertThat(client.readLine()).isEqualTo(TestReplies.POP3.commandTimeout());
            assertThat(waited).isBetween(COMMAND_TIMEOUT.minusMillis(200), COMMAND_TIMEOUT.plusSeconds(2));
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(pop3.logins()).isZero();
    }

    @Test
    void dataTrickledBelowTheMinimumRateIsCutOffAndTheMessageNeverCommitted() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        Duration window = Duration.ofSeconds(2);
        int port = listeners.bind(smtp.protocol(), settings("smtp-slow", TestReplies.SMTP)
                .minDataRate(1024, window).build()).port();

        try (LineClient client = openData(port)) {
            // short lines, each complete well within the command timeout: only the rate is too low
            Duration waited = trickle(client, "a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\n.\r\n");

            assertThat(client.readLine()).isEqualTo(TestReplies.SMTP.dataTooSlow());
            assertThat(waited).isBetween(window.minusMillis(200), window.multipliedBy(2).plusSeconds(1));
            assertThat(client.closedByServer()).isTrue();
        }
        assertThat(smtp.messages()).isEmpty();
        assertThat(log.messages(ClientPace.class.getName())).singleElement().asString()
                .containsPattern("[0-9] bytes of data in PT2S, fewer than 1024");
    }

    @Test
    void aSlowCommitAfterTheDataIsNotCountedAgainstTheClient() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), settings("smtp-busy", TestReplies.SMTP)
                .minDataRate(1024, Duration.ofSeconds(1)).build()).port();
        smtp.blockMessagesFor(Duration.ofMillis(2500));

        try (LineClient client = openData(port)) {
            client.write("Subject: quick\r\n\r\nbody\r\n");

            assertThat(client.command(".")).startsWith("250");
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }

    @Test
    void aSteadyMessageWhoseLinesTakeLongerThanTheCommandTimeoutIsServed() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        Duration commandTimeout = Duration.ofSeconds(1);
        int port = listeners.bind(smtp.protocol(), settings("smtp-steady", TestReplies.SMTP)
                .commandTimeout(commandTimeout).minDataRate(1024, Duration.ofSeconds(1)).build()).port();

        try (LineClient client = openData(port)) {
            // 4 lines of 4 000 octets at about 3 KB/s: each line takes longer than the command
            // timeout, the data as a whole keeps three times the minimum rate
            String line = "z".repeat(3998) + "\r\n";
            String message = "Subject: steady\r\n\r\n" + line.repeat(4);
            for (int sent = 0; sent < message.length(); sent += 300) {
                client.write(message.substring(sent, Math.min(message.length(), sent + 300)));
                assertThat(client.inputWithin(Duration.ofMillis(100))).as("anything from the server").isFalse();
            }
            assertThat(client.command(".")).startsWith("250");
            assertThat(client.command("NOOP")).startsWith("250");
        }
        assertThat(smtp.messages()).singleElement().asString().contains("Subject: steady");
    }

    @Test
    void timeTheServerSpendsOnEarlierCommandsDoesNotCountAgainstTheClient() throws Exception {
        RecordingSmtp smtp = new RecordingSmtp();
        int port = listeners.bind(smtp.protocol(), settings("smtp-busy", TestReplies.SMTP)
                .commandTimeout(Duration.ofSeconds(1)).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            assertThat(client.command("EHLO client.test")).startsWith("250");
            smtp.holdNextMailFor(Duration.ofMillis(2500));

            // the next command begun at once, finished only after the slow MAIL's reply
            client.write("MAIL FROM:<alice@client.test>\r\nNO");
            assertThat(client.reply()).startsWith("250");
            client.write("OP\r\n");

            assertThat(client.reply()).startsWith("250");
        }
    }

    @Test
    void aClientWaitingForTheNextCommandIsLeftToTheIdleTimeout() throws Exception {
        int port = listeners.bind(new RecordingSmtp().protocol(), settings("smtp-idle", TestReplies.SMTP)
                .commandTimeout(Duration.ofSeconds(1)).build()).port();

        try (LineClient client = LineClient.connect(port)) {
            client.reply();
            assertThat(client.inputWithin(Duration.ofMillis(2500))).as("anything from the server").isFalse();
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }

    private static ListenerSettings.Builder settings(String name, ListenerReplies replies) {
        return ListenerFixture.settings(name, replies).idleTimeout(IDLE_TIMEOUT).commandTimeout(COMMAND_TIMEOUT);
    }

    /** An SMTP session that got 354 to DATA. */
    private static LineClient openData(int port) throws IOException {
        LineClient client = LineClient.connect(port);
        client.reply();
        assertThat(client.command("EHLO client.test")).startsWith("250");
        assertThat(client.command("MAIL FROM:<slow@client.test>")).startsWith("250");
        assertThat(client.command("RCPT TO:<rcpt@server.test>")).startsWith("250");
        assertThat(client.command("DATA")).startsWith("354");
        return client;
    }

    /**
     * Sends {@code text} one byte a second until the server answers, and returns how long after
     * the first byte that was; fails if the whole text went out unanswered.
     */
    private static Duration trickle(LineClient client, String text) throws IOException {
        long first = System.nanoTime();
        for (char c : text.toCharArray()) {
            client.write(String.valueOf(c));
            if (client.inputWithin(ONE_BYTE_EVERY)) {
                return Duration.ofNanos(System.nanoTime() - first);
            }
        }
        throw new AssertionError("the server let " + text.length() + " bytes trickle in over "
                + Duration.ofNanos(System.nanoTime() - first).toSeconds() + " s without a word");
    }
}
