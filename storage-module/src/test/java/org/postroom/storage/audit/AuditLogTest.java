package org.postroom.storage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;

/** The audit log in storage: filters, a domain administrator's view, the purge, and the suspensions written with their entry. */
class AuditLogTest {

    private TestDatabase testDatabase;
    private AuditLog audit;

    @BeforeEach
    void createLog() {
        testDatabase = TestDatabase.create();
        audit = new AuditLog(testDatabase.database());
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void entriesAreFilteredByActorActionDomainAndTime() {
        audit.record(new AuditEvent("root", AuditChannel.API, "192.0.2.1", "user.create", "Ours.example", "a@ours.example", null));
        audit.record(new AuditEvent("root", AuditChannel.CONSOLE, "192.0.2.1", "user.delete", "theirs.example", "b@theirs.example", null));
        audit.record(new AuditEvent("dadmin", AuditChannel.CLI, null, "alias.create", "ours.example", "c@ours.example", null));
        audit.record(new AuditEvent("root", AuditChannel.CONSOLE, "192.0.2.1", "domain.create", null, "new.example", null));

        assertThat(actions(new AuditQuery("root", null, null, null, null, null)))
                .containsExactly("domain.create", "user.delete", "user.create");
        assertThat(actions(new AuditQuery(null, "user.", null, null, null, null))).containsExactly("user.delete", "user.create");
        assertThat(actions(new AuditQuery(null, "user", null, null, null, null))).isEmpty();
        assertThat(actions(new AuditQuery(null, null, "OURS.example", null, null, null)))
                .containsExactly("alias.create", "user.create");
        // a domain administrator's view: their domains' entries only, none about the server's own business
        assertThat(actions(new AuditQuery(null, null, null, null, null, List.of("ours.example"))))
                .containsExactly("alias.create", "user.create");
        Instant now = Instant.now();
        assertThat(actions(new AuditQuery(null, null, null, now.minusSeconds(600), now.plusSeconds(600), null))).hasSize(4);
        assertThat(actions(new AuditQuery(null, null, null, now.plusSeconds(600), null, null))).isEmpty();
        assertThat(audit.search(AuditQuery.all(), 1, 3).items()).hasSize(1);
        assertThat(audit.search(AuditQuery.all(), 1, 3).total()).isEqualTo(4);
    }

    @Test
    void hostileTextIsStoredPrintable() {
        audit.record(new AuditEvent("root\r\nforged", AuditChannel.API, null, "user.create", null, "x\u202Ey", null));

        AuditEntry entry = audit.search(AuditQuery.all(), 0, 10).items().get(0);
        assertThat(entry.actor()).isEqualTo("root??forged");
        assertThat(entry.target()).isEqualTo("x?y");
    }

    @Test
    void entriesOlderThanTheRetentionArePurged() {
        audit.record(new AuditEvent("root", AuditChannel.API, null, "old", null, null, null));
        audit.record(new AuditEvent("root", AuditChannel.API, null, "new", null, null, null));
        testDatabase.database().run("age", jdbc -> jdbc.sql("update audit_entry set at = now() - interval '400 days' where action = 'old'")
                .update());

        assertThat(audit.purge(Duration.ofDays(365))).isEqualTo(1);
        assertThat(actions(AuditQuery.all())).containsExactly("new");
        assertThat(audit.purge(Duration.ofDays(365))).isZero();
    }

    @Test
    void aSuspensionOfSendingIsWrittenWithItsEntry() {
        new DomainRepository(testDatabase.database(), "postroom").create("ours.example");
        UserRepository users = new UserRepository(testDatabase.database());
        users.create("alice@ours.example", "alice's long password", null);
        long alice = users.find("alice@ours.example").orElseThrow().id();

        new SendingCounters(testDatabase.database()).refused(alice, true, new SendingPolicy(SendingLimits.NONE, 1), Instant.now());

        AuditEntry entry = audit.search(AuditQuery.all(), 0, 10).items().get(0);
        assertThat(entry.action()).isEqualTo("sending.suspend");
        assertThat(entry.actor()).isEqualTo(AuditLog.SERVER_ACTOR);
        assertThat(entry.channel()).isEqualTo(AuditChannel.SERVER);
        assertThat(entry.domain()).isEqualTo("ours.example");
        assertThat(entry.target()).isEqualTo("alice@ours.example");
        assertThat(entry.detail()).isEqualTo("reason spam-rejects");
    }

    private List<String> actions(AuditQuery query) {
        return audit.search(query, 0, 100).items().stream().map(AuditEntry::action).toList();
    }
}
