package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postroom.smtp.testing.SmallDisk;

/**
 * The spool on a real small file system (a 1 MiB tmpfs) that fills up: a message it has no room
 * for is refused with 452 4.3.1 ("mail system full") and nothing of it is left, neither a spool
 * file nor a row in the database; below {@code postroom.spool.min-free-space} no transaction
 * starts; once there is room again the next message is taken, in the same session, without a
 * restart. Skipped where no tmpfs can be mounted unless {@code -Ddisk.tests=required}.
 */
@ExtendWith(SmallDisk.class)
class DiskFullTest {

    /** About 580 KiB: over {@link Spool#MEMORY_LIMIT}, so it goes to a spool file. */
    private static final String BODY = ("0123456789".repeat(7) + "\r\n").repeat(8000);
    private static final String MESSAGE = "Subject: big\r\n\r\n" + BODY;

    @RegisterExtension
    final SmtpTestBed bed = new SmtpTestBed();

    private SmallDisk disk;

    @BeforeEach
    void mountSmallDisk() {
        disk = SmallDisk.mount(1024 * 1024);
    }

    @AfterEach
    void unmount() {
        disk.close();
    }

    @Test
    void aMessageTheSpoolHasNoRoomForIsRefusedWith452AndTheNextIsTakenOnceThereIsRoom() {
        bed.spoolingIn(disk.directory(), 0);
        TestListener mx = bed.mx();
        disk.fillLeaving(100 * 1024);
        try (SmtpTranscript smtp = SmtpTranscript.connect(mx.port())) {
            smtp.ehlo("client.elsewhere.test");

            // the disk fills while the data arrive: refused when they end, nothing half-stored
            transaction(smtp);
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("452 4.3.1");
            assertThat(disk.files()).isEmpty();
            assertThat(bed.mail().storedMessages()).isZero();

            // room again: the same message, in the same session, is taken
            disk.makeRoom();
            transaction(smtp);
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
            smtp.send("QUIT").expect("221");
        }
        assertThat(bed.mail().inbox("alice@example.com")).singleElement()
                .satisfies(stored -> assertThat(new String(stored, StandardCharsets.US_ASCII)).endsWith(MESSAGE));
        assertThat(disk.files()).isEmpty();
        assertThat(bed.log().messages(SpoolFailureHook.class.getName()))
                .singleElement().asString().contains("452 4.3.1", "reason=system-full", "no space left");
    }

    @Test
    void belowTheMinimumFreeSpaceNoTransactionStartsUntilThereIsRoom() {
        bed.spoolingIn(disk.directory(), 512 * 1024);
        TestListener mx = bed.mx();
        try (SmtpTranscript smtp = SmtpTranscript.connect(mx.port())) {
            smtp.ehlo("client.elsewhere.test");

            // refused at MAIL, before a byte of a message is taken
            disk.fillLeaving(300 * 1024);
            smtp.send("MAIL FROM:<far@elsewhere.test>").expect("452 4.3.1");

            // a transaction begun with room is refused at DATA when the room went meanwhile
            disk.makeRoom();
            transaction(smtp);
            disk.fillLeaving(300 * 1024);
            smtp.send("DATA").expect("452 4.3.1");

            disk.makeRoom();
            smtp.send("DATA").expect("354");
            smtp.raw(MESSAGE + ".\r\n").expect("250 2.0.0");
            smtp.send("QUIT").expect("221");
        }
        assertThat(bed.mail().inbox("alice@example.com")).hasSize(1);
        assertThat(disk.files()).isEmpty();
    }

    private static void transaction(SmtpTranscript smtp) {
        smtp.send("MAIL FROM:<far@elsewhere.test>").expect("250 2.1.0");
        smtp.send("RCPT TO:<alice@example.com>").expect("250 2.1.5");
    }
}
