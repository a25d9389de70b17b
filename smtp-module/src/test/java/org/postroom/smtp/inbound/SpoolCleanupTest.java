package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message too big for memory waits in a spool file between DATA and its commit; however its
 * transaction ends (committed, refused at the end of DATA, refused by a message check, the
 * database down, the client gone mid-DATA), the file is gone. The file is on disk while the data
 * arrive, so each test first sees it there: a test that never spooled could not fail.
 */
class SpoolCleanupTest {

    /** Over {@link Spool#MEMORY_LIMIT}: the message goes to a file. */
    private static final String BIG_BODY = ("0123456789".repeat(7) + "\r\n").repeat(4000);

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private SmtpTranscript inData() {
        SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port());
        smtp.ehlo("client.elsewhere.test");
        smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250");
        smtp.send("RCPT TO:<alice@example.com>").expect("250");
        smtp.send("DATA").expect("354");
        smtp.raw("Subject: big\r\n\r\n" + BIG_BODY);
        awaitSpoolFiles(1);
        return smtp;
    }

    @Test
    void aCommittedMessageLeavesNoFile() throws IOException {
        try (SmtpTranscript smtp = inData()) {
            smtp.raw(".\r\n").expect("250 2.0.0");
            assertThat(spoolFiles()).isZero();
        }
    }

    @Test
    void aMessageRefusedAtTheEndOfItsDataLeavesNoFile() throws IOException {
        try (SmtpTranscript smtp = inData()) {
            // a bare LF: refused whole when the data end
            smtp.raw("smuggled\n\r\n.\r\n").expect("554 5.6.0");
            assertThat(spoolFiles()).isZero();
        }
    }

    @Test
    void aMessageTheDatabaseCouldNotTakeLeavesNoFile() throws IOException {
        try (SmtpTranscript smtp = inData()) {
            bed.mail().breakDatabase();
            smtp.raw(".\r\n").expect("451 4.3.0");
            bed.mail().repairDatabase();
            assertThat(spoolFiles()).isZero();
        }
    }

    @Test
    void aMessageRefusedForItsFromFieldLeavesNoFile() throws IOException {
        try (SmtpTranscript smtp = bed.loggedIn("alice@example.com")) {
            smtp.send("MAIL FROM:<alice@example.com>").expect("250");
            smtp.send("RCPT TO:<far@elsewhere.test>").expect("250");
            smtp.send("DATA").expect("354");
            smtp.raw("From: The Bank <ceo@bank.test>\r\n\r\n" + BIG_BODY);
            awaitSpoolFiles(1);
            smtp.raw(".\r\n").expect("550 5.7.1");
            assertThat(spoolFiles()).isZero();
        }
    }

    @Test
    void aClientThatHangsUpMidDataLeavesNoFile() throws IOException {
        inData().close();
        awaitSpoolFiles(0);
    }

    private void awaitSpoolFiles(long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> spoolFiles() == count);
    }

    private long spoolFiles() throws IOException {
        try (var files = Files.list(bed.spool())) {
            return files.count();
        }
    }
}
