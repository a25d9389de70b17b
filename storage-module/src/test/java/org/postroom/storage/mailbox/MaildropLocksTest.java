package org.postroom.storage.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.storage.TestDatabase;

import com.zaxxer.hikari.HikariDataSource;

class MaildropLocksTest {

    private TestDatabase testDatabase;
    private MaildropLocks processA;
    private MaildropLocks processB;
    private HikariDataSource poolB;

    @BeforeEach
    void twoProcesses() {
        testDatabase = TestDatabase.create();
        processA = new MaildropLocks(testDatabase.dataSource());
        // a second pool stands for a second Postroom process on the same database
        poolB = new HikariDataSource();
        poolB.setJdbcUrl(testDatabase.url());
        poolB.setUsername("postgres");
        processB = new MaildropLocks(poolB);
    }

    @AfterEach
    void close() {
        processA.close();
        processB.close();
        poolB.close();
        testDatabase.close();
    }

    @Test
    void aLockedMaildropIsRefusedToASecondSessionInTheSameProcess() {
        Optional<MaildropLock> first = processA.tryLock(7);
        assertThat(first).isPresent();
        assertThat(processA.tryLock(7)).isEmpty();
        assertThat(processA.tryLock(8)).isPresent();
    }

    @Test
    void aLockedMaildropIsRefusedToAnotherProcess() {
        MaildropLock held = processA.tryLock(7).orElseThrow();
        assertThat(processB.tryLock(7)).isEmpty();
        held.close();
        assertThat(processB.tryLock(7)).isPresent();
        assertThat(processA.tryLock(7)).isEmpty();
    }

    @Test
    void closingTwiceIsHarmless() {
        MaildropLock held = processA.tryLock(7).orElseThrow();
        held.close();
        MaildropLock again = processA.tryLock(7).orElseThrow();
        held.close();
        assertThat(again.isHeld()).isTrue();
        assertThat(processB.tryLock(7)).isEmpty();
    }

    @Test
    void whenAProcessGoesAwayItsLocksAreReleased() {
        MaildropLock held = processA.tryLock(7).orElseThrow();
        assertThat(held.isHeld()).isTrue();
        processA.close();
        assertThat(held.isHeld()).isFalse();
        assertThat(processB.tryLock(7)).isPresent();
    }

    @Test
    void locksDoNotLingerOnThePooledConnection() {
        processA.tryLock(7).orElseThrow();
        processA.close();
        // the lock connection went back to the pool; whoever borrows it next must not hold 7
        MaildropLocks again = new MaildropLocks(testDatabase.dataSource());
        assertThat(processB.tryLock(7)).isPresent();
        assertThat(again.tryLock(7)).isEmpty();
        again.close();
    }
}
