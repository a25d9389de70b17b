package org.postroom.storage.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;

class CertificateStoreTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final TestDatabase testDatabase = TestDatabase.create();
    private final CertificateStore store = new CertificateStore(testDatabase.database());

    @AfterEach
    void close() {
        testDatabase.close();
    }

    @Test
    void theFirstAccountKeyStoredForADirectoryIsTheOneEveryProcessGets() {
        assertThat(store.accountKey("https://ca.example/dir", () -> "first")).isEqualTo("first");
        assertThat(new CertificateStore(testDatabase.database()).accountKey("https://ca.example/dir", () -> "second"))
                .isEqualTo("first");
        assertThat(store.accountKey("https://other-ca.example/dir", () -> "third")).isEqualTo("third");
    }

    @Test
    void aStoredCertificateReplacesTheLastOneAndClearsTheFailures() {
        assertThat(store.certificate()).isEmpty();
        assertThat(store.renewal()).isEmpty();

        store.recordFailure("rate limited", NOW, NOW.plusSeconds(600));
        store.recordFailure("connection refused", NOW.plusSeconds(600), NOW.plusSeconds(1800));
        assertThat(store.renewal()).contains(new RenewalState(2, "connection refused", NOW.plusSeconds(600),
                NOW.plusSeconds(1800)));

        IssuedCertificate first = new IssuedCertificate(List.of("mail.example.com", "autoconfig.example.com"),
                "chain-1", "key-1", NOW.plus(90, ChronoUnit.DAYS), NOW);
        store.store(first);
        IssuedCertificate second = new IssuedCertificate(List.of("mail.example.com"), "chain-2", "key-2",
                NOW.plus(120, ChronoUnit.DAYS), NOW.plusSeconds(5));
        store.store(second);

        assertThat(store.certificate()).contains(second);
        assertThat(store.renewal()).contains(new RenewalState(0, null, NOW.plusSeconds(5), NOW.plusSeconds(5)));
    }

    @Test
    void aChallengeIsAnsweredUntilWithdrawnOrExpired() {
        AcmeChallenges challenges = new AcmeChallenges(testDatabase.database());
        challenges.publish("token-1", "token-1.thumbprint", Instant.now().plusSeconds(600));
        challenges.publish("token-2", "token-2.thumbprint", Instant.now().minusSeconds(1));

        assertThat(challenges.answer("token-1")).contains("token-1.thumbprint");
        assertThat(challenges.answer("token-2")).isEmpty();
        assertThat(challenges.answer("unknown")).isEmpty();

        challenges.withdraw("token-1");
        assertThat(challenges.answer("token-1")).isEmpty();
    }

    @Test
    void oneProcessAtATimeHoldsTheOrderLock() {
        CertificateOrderLock here = new CertificateOrderLock(testDatabase.database().dataSource());
        CertificateOrderLock elsewhere = new CertificateOrderLock(testDatabase.database().dataSource());

        Optional<CertificateOrderLock.Held> first = here.tryLock();
        assertThat(first).isPresent();
        assertThat(elsewhere.tryLock()).isEmpty();

        first.get().close();
        Optional<CertificateOrderLock.Held> second = elsewhere.tryLock();
        assertThat(second).isPresent();
        second.get().close();
    }
}
