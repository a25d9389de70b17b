package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL without room to store a message (SQLSTATE 53100, disk full): 452 4.3.1 at the end of
 * DATA, the transaction rolled back, nothing stored; the next message is taken once it has room.
 */
class DatabaseFullTest {

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    @Test
    void aMessageTheDatabaseHasNoRoomForIsRefusedWith452AndTheNextIsTaken() {
        try (SmtpTranscript smtp = SmtpTranscript.connect(bed.mx().port())) {
            smtp.ehlo("client.elsewhere.test");
            bed.mail().fillDatabaseDisk();
            send(smtp).expect("452 4.3.1");
            assertThat(bed.mail().storedMessages()).isZero();

            bed.mail().freeDatabaseDisk();
            send(smtp).expect("250 2.0.0");
            smtp.send("QUIT").expect("221");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
    }

    private static SmtpTranscript send(SmtpTranscript smtp) {
        smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250 2.1.0");
        smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
        smtp.send("DATA").expect("354");
        return smtp.raw("Subject: hello\r\n\r\nHello Alice\r\n.\r\n");
    }
}
