package org.postroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.postroom.pop3.Pop3CommandsTest.login;
import static org.postroom.pop3.Pop3Fixture.ALICE;
import static org.postroom.pop3.Pop3Fixture.BOB;
import static org.postroom.pop3.Pop3Fixture.PASSWORD;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.postroom.pop3.Pop3Fixture.Settings;
import org.postroom.storage.mailbox.MailboxEntry;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deletion, UIDL stability and the maildrop lock, over real sockets on a real PostgreSQL. */
class MaildropSessionTest {

    @AutoClose
    private final Pop3Fixture fixture = new Pop3Fixture();

    @Test
    void deleThenQuitRemovesExactlyTheMarkedMessages() throws Exception {
        deliverThree();
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("DELE 1", "+OK");
            s.send("DELE 3", "+OK");
            s.send("QUIT", "+OK Bye, 2 messages deleted");
            assertThat(s.closedByServer()).isTrue();
        }
        assertThat(fixture.entries(ALICE)).extracting(MailboxEntry::uid).containsExactly(2L);
    }

    @Test
    void deleThenRsetRemovesNothing() throws Exception {
        deliverThree();
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("DELE 1", "+OK");
            s.send("DELE 2", "+OK");
            s.send("RSET", "+OK Maildrop has 3 messages");
            s.retrieve("RETR 1");
            s.send("QUIT", "+OK Bye, 0 messages deleted");
        }
        assertThat(fixture.entries(ALICE)).hasSize(3);
    }

    @Test
    void deleThenADroppedConnectionRemovesNothingAndReleasesTheLock() throws Exception {
        deliverThree();
        int port = fixture.start().port();
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            login(s);
            s.send("DELE 1", "+OK");
            s.send("DELE 2", "+OK");
        }
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            loginEventually(s);
            s.send("STAT", "+OK 3 ");
        }
        assertThat(fixture.entries(ALICE)).hasSize(3);
    }

    @Test
    void uidlsStayTheSameAcrossSessionsAndDeletionsAndAreNeverReused() throws Exception {
        deliverThree();
        int port = fixture.start().port();
        List<String> first;
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            login(s);
            first = uidls(s.sendMultiLine("UIDL"));
            assertThat(first).doesNotHaveDuplicates().allSatisfy(uidl -> assertThat(uidl).matches("[\\x21-\\x7E]{1,70}"));
            s.send("UIDL 2", "+OK 2 " + first.get(1));
            s.send("DELE 2", "+OK");
            s.send("QUIT", "+OK");
        }
        fixture.deliver(ALICE, "Subject: four\r\n\r\n4\r\n");
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            login(s);
            List<String> second = uidls(s.sendMultiLine("UIDL"));
            assertThat(second).hasSize(3).startsWith(first.get(0), first.get(2)).doesNotContain(first.get(1));
            // the old message 3 is now message 2, with the same UIDL
            s.send("UIDL 2", "+OK 2 " + first.get(2));
        }
    }

    @Test
    void aSecondSessionOnTheSameMaildropIsInUse() throws Exception {
        int port = fixture.start().port();
        try (Pop3Transcript first = Pop3Transcript.connect(port); Pop3Transcript second = Pop3Transcript.connect(port)) {
            login(first);
            second.send("USER " + ALICE, "+OK");
            second.send("PASS " + PASSWORD, "-ERR [IN-USE]");
            // other maildrops are not affected
            second.send("USER " + BOB, "+OK");
            second.send("PASS " + PASSWORD, "+OK");
        }
    }

    @Test
    void aSessionInAnotherProcessOnTheSameDatabaseIsInUseUntilQuit() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\n1\r\n");
        Pop3Process one = fixture.start();
        Pop3Process two = fixture.start();
        try (Pop3Transcript first = Pop3Transcript.connect(one.port()); Pop3Transcript second = Pop3Transcript.connect(two.port())) {
            login(first);
            second.send("USER " + ALICE, "+OK");
            second.send("PASS " + PASSWORD, "-ERR [IN-USE]");
            second.send("AUTH PLAIN " + Pop3CommandsTest.plain("", ALICE, PASSWORD), "-ERR [IN-USE]");
            first.send("DELE 1", "+OK");
            first.send("QUIT", "+OK Bye, 1 messages deleted");
            second.send("USER " + ALICE, "+OK");
            second.send("PASS " + PASSWORD, "+OK Logged in, 0 messages");
        }
    }

    @Test
    void theIdleTimeoutSaysWhyAndReleasesTheLock() throws Exception {
        int port = fixture.start(Settings.defaults().idleTimeout(Duration.ofSeconds(1))).port();
        try (Pop3Transcript idle = Pop3Transcript.connect(port)) {
            login(idle);
            idle.expect("-ERR Idle too long");
            assertThat(idle.closedByServer()).isTrue();
        }
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            loginEventually(s);
        }
    }

    @Test
    void aCommandTrickledByteByByteIsCutOffWithAReasonAndReleasesTheLock() throws Exception {
        int port = fixture.start(Settings.defaults().commandTimeout(Duration.ofSeconds(2))).port();
        try (Pop3Transcript slow = Pop3Transcript.connect(port)) {
            login(slow);
            slow.trickle("STAT\r\n");
            slow.expect("-ERR Command not completed in time");
            assertThat(slow.closedByServer()).isTrue();
        }
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            loginEventually(s);
        }
    }

    @Test
    void aClientReadingALargeMessageSlowlyIsNotCutOff() throws Exception {
        long size = 2L * 1024 * 1024;
        fixture.deliver(ALICE, new LargeMessage(size));
        int port = fixture.start(Settings.defaults().commandTimeout(Duration.ofSeconds(1))).port();
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            login(s);
            // about 640 KB a second: four times the command timeout to read it all
            long received = s.retrieveSlowly("RETR 1", 64 * 1024, Duration.ofMillis(100));
            assertThat(received).isGreaterThan(size);
            s.send("NOOP", "+OK");
        }
    }

    @Test
    void quitRemovesNothingAndSaysSoWhenTheLockWasLost() throws Exception {
        deliverThree();
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("DELE 1", "+OK");
            // the database drops the connection that holds the advisory lock
            JdbcClient.create(fixture.database.dataSource()).sql("""
                    select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory'
                    """).query(Boolean.class).list();
            s.send("QUIT", "-ERR [SYS/TEMP] Deleted messages could not be removed");
            assertThat(s.closedByServer()).isTrue();
        }
        assertThat(fixture.entries(ALICE)).hasSize(3);
    }

    @Test
    void quitRemovesNothingAndSaysTheStorageIsFullWhenTheDatabaseDiskIs() throws Exception {
        deliverThree();
        JdbcClient sql = JdbcClient.create(fixture.database.dataSource());
        try (Pop3Transcript s = Pop3Transcript.connect(fixture.start().port())) {
            login(s);
            s.send("DELE 1", "+OK");
            // PostgreSQL's own disk-full error (SQLSTATE 53100) for the deletion, as from a full disk
            sql.sql("""
                    create function test_disk_full() returns trigger language plpgsql as $$ begin
                    raise exception 'could not write to file: No space left on device' using errcode = 'disk_full';
                    end $$""").update();
            sql.sql("create trigger test_disk_full before delete on mailbox_entry for each statement"
                    + " execute function test_disk_full()").update();
            s.send("QUIT", "-ERR [SYS/TEMP] Mail storage is full: deleted messages could not be removed");
            assertThat(s.closedByServer()).isTrue();
        }
        assertThat(fixture.entries(ALICE)).hasSize(3);
    }

    @Test
    void messagesArrivingDuringASessionAppearInTheNextOne() throws Exception {
        fixture.deliver(ALICE, "Subject: one\r\n\r\n1\r\n");
        int port = fixture.start().port();
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            login(s);
            fixture.deliver(ALICE, "Subject: two\r\n\r\n2\r\n");
            s.send("STAT", "+OK 1 ");
            s.send("RETR 2", "-ERR No such message");
            s.send("QUIT", "+OK");
        }
        try (Pop3Transcript s = Pop3Transcript.connect(port)) {
            login(s);
            s.send("STAT", "+OK 2 ");
        }
    }

    private void deliverThree() {
        fixture.deliver(ALICE, "Subject: one\r\n\r\n1\r\n");
        fixture.deliver(ALICE, "Subject: two\r\n\r\n22\r\n");
        fixture.deliver(ALICE, "Subject: three\r\n\r\n333\r\n");
    }

    /** A dropped session's lock is released once the server has seen the disconnect. */
    private static void loginEventually(Pop3Transcript s) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            s.send("USER " + ALICE, "+OK");
            String reply = s.send("PASS " + PASSWORD, "");
            if (!reply.startsWith("+OK")) {
                assertThat(reply).startsWith("-ERR [IN-USE]");
            }
            return reply.startsWith("+OK");
        });
    }

    private static List<String> uidls(List<String> lines) {
        return lines.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }
}
