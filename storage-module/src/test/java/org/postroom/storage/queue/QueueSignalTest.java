package org.postroom.storage.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;

class QueueSignalTest {

    private TestDatabase testDatabase;
    private QueueSignal signal;

    @BeforeEach
    void listen() throws InterruptedException {
        testDatabase = TestDatabase.create();
        signal = new QueueSignal(testDatabase.dataSource());
        assertThat(signal.await(Duration.ofMillis(50))).isFalse();
    }

    @AfterEach
    void close() {
        signal.close();
        testDatabase.close();
    }

    @Test
    void aNewQueueEntryWakesTheListener() throws IOException, InterruptedException {
        new MailStore(testDatabase.database()).deliver("a@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("x@far.example")),
                new ByteArrayInputStream("m".getBytes()));
        assertThat(signal.await(Duration.ofSeconds(10))).isTrue();
        assertThat(signal.await(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void retryNowWakesTheListener() throws IOException, InterruptedException {
        new MailStore(testDatabase.database()).deliver("a@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("x@far.example")),
                new ByteArrayInputStream("m".getBytes()));
        assertThat(signal.await(Duration.ofSeconds(10))).isTrue();
        DeliveryQueue queue = new DeliveryQueue(testDatabase.database());
        queue.retryNow(queue.list(0, 1).get(0).id());
        assertThat(signal.await(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void localMailAloneDoesNotWakeTheListener() throws IOException, InterruptedException {
        new MailStore(testDatabase.database()).deliver("a@example.com", MessageOrigin.SUBMITTED, List.of(),
                new ByteArrayInputStream("m".getBytes()));
        assertThat(signal.await(Duration.ofMillis(300))).isFalse();
    }
}
