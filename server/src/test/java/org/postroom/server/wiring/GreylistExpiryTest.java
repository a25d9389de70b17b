package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.greylist.Attempt;
import org.postroom.storage.greylist.Greylist;
import org.postroom.storage.greylist.Triplet;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The greylist's expiry runs on its own once started, at the time of its clock: lapsed triplets go, the rest stays. */
class GreylistExpiryTest {

    private static final Instant T0 = Instant.parse("2031-03-01T08:00:00Z");

    @Test
    void firstAttemptsNotRetriedInTimeAreForgottenWithoutAnyoneAsking() throws Exception {
        try (TestDatabase testDatabase = TestDatabase.create()) {
            Greylist greylist = new Greylist(testDatabase.database(), Duration.ofMinutes(5), Duration.ofDays(36));
            Instant now = T0.plus(Greylist.RETRY_WINDOW).plusSeconds(1);
            Triplet old = triplet("old@shop.test");
            Triplet recent = triplet("recent@shop.test");
            greylist.attempt(old, T0, () -> false);
            greylist.attempt(recent, now.minusSeconds(60), () -> false);

            GreylistExpiry expiry = new GreylistExpiry(greylist, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMillis(200));
            expiry.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> senders(testDatabase).size() == 1);
            } finally {
                expiry.stop();
            }
            assertThat(senders(testDatabase)).containsExactly("recent@shop.test");
            assertThat(expiry.isRunning()).isFalse();
            assertThat(greylist.attempt(recent, now, () -> false)).isEqualTo(new Attempt.Deferred(now.plusSeconds(240)));
        }
    }

    private static List<String> senders(TestDatabase testDatabase) {
        return JdbcClient.create(testDatabase.dataSource()).sql("select sender from greylist_triplet").query(String.class)
                .list();
    }

    private static Triplet triplet(String sender) throws Exception {
        return Triplet.of(InetAddress.getByName("192.0.2.10"), sender, "alice@example.com");
    }
}
