package org.postroom.storage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.jdbc.core.simple.JdbcClient;

class MailStatisticsTest {

    private static final String PASSWORD = "correct horse battery";
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    private TestDatabase testDatabase;
    private MailStatistics statistics;
    private MailStore store;
    private DeliveryQueue queue;
    private JdbcClient sql;

    @BeforeEach
    void createDatabase() {
        testDatabase = TestDatabase.create();
        Database db = testDatabase.database();
        statistics = new MailStatistics(db);
        store = new MailStore(db);
        queue = new DeliveryQueue(db);
        sql = JdbcClient.create(testDatabase.dataSource());
        new DomainRepository(db, "postroom").create("example.com");
        new UserRepository(db).create("alice@example.com", PASSWORD, null);
        new AliasRepository(db).create("sales@example.com", List.of("alice@example.com"));
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void anIdleServerListsEveryHourWithZeros() {
        List<HourlyTraffic> hours = statistics.hourly(24);

        assertThat(hours).hasSize(24);
        assertThat(hours).allSatisfy(hour -> {
            assertThat(hour.received()).isZero();
            assertThat(hour.delivered()).isZero();
        });
        assertThat(Duration.between(hours.get(0).hour(), hours.get(23).hour())).isEqualTo(Duration.ofHours(23));
        assertThat(hours.get(23).hour()).isBefore(Instant.now()).isAfter(Instant.now().minus(Duration.ofHours(1)));
    }

    @Test
    void theDirectoryAndTheStoreAreCounted() throws IOException {
        deliverToAlice();
        deliverToAlice();

        ServerTotals totals = statistics.totals(anHourAgo());

        assertThat(totals.domains()).isEqualTo(1);
        assertThat(totals.users()).isEqualTo(1);
        assertThat(totals.aliases()).isEqualTo(1);
        assertThat(totals.storedMessages()).isEqualTo(2);
        assertThat(totals.storedBytes()).isEqualTo(2L * MESSAGE.length);
        assertThat(totals.received()).isEqualTo(2);
    }

    @Test
    void messagesStayCountedAsReceivedAfterTheyLeaveTheStore() throws IOException {
        store.deliver("alice@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("bob@far.example")), content());
        store.deliver("alice@example.com", MessageOrigin.SUBMITTED,
                List.of(Recipient.remote("carol@far.example")), content());
        queue.complete(queue.claimNext("worker", 10, Duration.ofMinutes(1)).get(0), "mx.far.example", "250 ok");
        queue.fail(queue.claimNext("worker", 10, Duration.ofMinutes(1)).get(0), "mx.far.example", "550 no such user");

        ServerTotals totals = statistics.totals(anHourAgo());

        assertThat(totals.storedMessages()).isZero();
        assertThat(totals.received()).isEqualTo(2);
        assertThat(totals.delivered()).isEqualTo(1);
        assertThat(totals.failed()).isEqualTo(1);
        HourlyTraffic thisHour = statistics.hourly(24).get(23);
        assertThat(thisHour.received()).isEqualTo(2);
        assertThat(thisHour.delivered()).isEqualTo(1);
    }

    @Test
    void aDeliveryThatRolledBackIsNotCounted() throws IOException {
        new UserRepository(testDatabase.database()).setQuota("alice@example.com", 1L);

        assertThat(deliverToAlice()).isFalse();

        assertThat(statistics.totals(anHourAgo()).received()).isZero();
    }

    @Test
    void trafficBeforeTheGivenMomentIsLeftOutAndOldArrivalsAreForgotten() {
        sql.sql("insert into message_arrival (received_at) values (now() - interval '2 days'), (now() - interval '9 days')")
                .update();

        assertThat(statistics.totals(anHourAgo()).received()).isZero();
        assertThat(statistics.totals(Instant.now().minus(Duration.ofDays(3))).received()).isEqualTo(1);
        assertThat(sql.sql("select count(*) from message_arrival").query(Long.class).single()).isEqualTo(1);
    }

    private boolean deliverToAlice() throws IOException {
        long inbox = new Authenticator(testDatabase.database()).verify("alice@example.com", PASSWORD).orElseThrow()
                .inboxId();
        return store.deliver("bob@far.example", MessageOrigin.RECEIVED,
                List.of(new Recipient("alice@example.com", Set.of(inbox), Set.of())),
                content()).stored();
    }

    private static ByteArrayInputStream content() {
        return new ByteArrayInputStream(MESSAGE);
    }

    private static Instant anHourAgo() {
        return Instant.now().minus(Duration.ofHours(1));
    }
}
