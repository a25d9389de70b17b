package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.testing.TestSmtpServer;
import org.postroom.storage.Database;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryAttempt.Outcome;
import org.postroom.storage.queue.DeliveryAttempt;
import org.postroom.storage.queue.DeliveryQueue;

/**
 * The promise that a crash never loses a queued message: the packaged server is killed with
 * SIGKILL while the remote server holds its reply to the data, and after the restart the entry
 * is claimed again once its lease ran out and delivered.
 */
class DeliveryCrashIT {

    private static final byte[] MESSAGE = ("From: alice@example.com\r\nTo: bob@far.example\r\nSubject: crash\r\n"
            + "Message-ID: <crash@example.com>\r\n\r\nstill here after kill -9\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void aDeliveryCutOffByKill9IsDeliveredAfterTheRestart(@TempDir Path workDir) throws Exception {
        try (TestSmtpServer remote = new TestSmtpServer();
                PostroomProcess postroom = new PostroomProcess(workDir, Map.of())) {
            // the first transaction is held at the final dot and would be refused anyway
            remote.holdDataReply(Duration.ofSeconds(120)).nextDataReplies("451 4.3.0 too late");
            // a lease short enough to run out while the test waits, long enough to kill the worker within it
            String[] args = { "--postroom.hostname=mail.example.com", "--postroom.delivery.lease=15s",
                    "--postroom.delivery.read-timeout=10s", "--postroom.delivery.poll-interval=1s",
                    "--postroom.delivery.routes.far.example=" + remote.hostAndPort() };
            postroom.start(args);
            new MailStore(database(workDir)).deliver("alice@example.com", MessageOrigin.SUBMITTED,
                    List.of(Recipient.remote("bob@far.example")), new ByteArrayInputStream(MESSAGE));
            await(() -> remote.dataReceived() == 1, "the message reached the remote server");
            assertThat(new DeliveryQueue(database(workDir)).list(0, 1).get(0).state()).isEqualTo("delivering");
            postroom.kill();
            remote.holdDataReply(Duration.ZERO);
            long entryId = new DeliveryQueue(database(workDir)).list(0, 1).get(0).id();
            postroom.start(args);
            // the embedded PostgreSQL may listen on another port after the restart
            DeliveryQueue queue = new DeliveryQueue(database(workDir));

            await(() -> remote.transactions().size() == 1, "the restarted server delivered the entry");
            assertThat(remote.transactions().get(0).data()).isEqualTo(MESSAGE);
            await(() -> queue.find(entryId).isEmpty(), "the entry left the queue");
            assertThat(queue.attempts(entryId)).extracting(DeliveryAttempt::outcome).containsExactly(Outcome.DELIVERED);
            assertThat(postroom.log()).contains("delivery queue-entry=" + entryId).contains("delivered");
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(condition::getAsBoolean);
    }

    /** The embedded server's database, on the port it listens on now, with its password. */
    private static Database database(Path workDir) throws Exception {
        return new Database(PostroomProcess.embeddedDatabase(workDir));
    }
}
