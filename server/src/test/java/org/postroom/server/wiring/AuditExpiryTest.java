package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.audit.AuditEntry;
import org.postroom.storage.audit.AuditEvent;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.audit.AuditQuery;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The purge runs on its own once started: entries older than the retention go, the rest stays. */
class AuditExpiryTest {

    @Test
    void entriesPastTheRetentionArePurgedWithoutAnyoneAsking() {
        try (TestDatabase testDatabase = TestDatabase.create()) {
            AuditLog audit = new AuditLog(testDatabase.database());
            audit.record(new AuditEvent("admin", AuditChannel.API, null, "user.create", null, "old@example.com", null));
            audit.record(new AuditEvent("admin", AuditChannel.API, null, "user.create", null, "new@example.com", null));
            JdbcClient.create(testDatabase.dataSource())
                    .sql("update audit_entry set at = now() - interval '366 days' where target = 'old@example.com'").update();

            AuditExpiry expiry = new AuditExpiry(audit, Duration.ofDays(365), Duration.ofMillis(200));
            expiry.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> audit.search(AuditQuery.all(), 0, 10).total() == 1);
            } finally {
                expiry.stop();
            }
            assertThat(audit.search(AuditQuery.all(), 0, 10).items()).extracting(AuditEntry::target)
                    .containsExactly("new@example.com");
        }
    }
}
