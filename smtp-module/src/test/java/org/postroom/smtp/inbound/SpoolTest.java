package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path directory;

    @Test
    void aSmallMessageStaysInMemory() throws IOException {
        SpooledMessage message = new Spool(directory, 0, 1024).newMessage(MaybeSender.nullSender(), List.of());
        message.getMessageOutputStream().write(new byte[1024]);
        assertThat(message.onDisk()).isFalse();
        assertThat(files()).isEmpty();
    }

    @Test
    void aLargeMessageGoesToDiskReadsBackExactlyAndIsDeletedWhenClosed() throws IOException {
        byte[] content = new byte[5000];
        new Random(1).nextBytes(content);
        SpooledMessage message = new Spool(directory, 0, 1024).newMessage(MaybeSender.nullSender(), List.of());
        OutputStream out = message.getMessageOutputStream();
        for (int offset = 0; offset < content.length; offset += 100) {
            out.write(content, offset, 100);
            out.flush();
        }
        out.close();
        assertThat(message.onDisk()).isTrue();
        assertThat(message.getSize()).isEqualTo(content.length);
        try (InputStream in = message.getMessageInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        message.close();
        message.close();
        assertThat(files()).isEmpty();
    }

    @Test
    void messagesInMemoryShareABudgetBeyondWhichTheyGoToDisk() throws IOException {
        Spool spool = new Spool(directory, 0, 1024, 1500);
        SpooledMessage first = spool.newMessage(MaybeSender.nullSender(), List.of());
        first.getMessageOutputStream().write(new byte[1000]);
        SpooledMessage second = spool.newMessage(MaybeSender.nullSender(), List.of());
        second.getMessageOutputStream().write(new byte[1000]);

        assertThat(first.onDisk()).isFalse();
        assertThat(second.onDisk()).isTrue();
        assertThat(spool.bytesInMemory()).isEqualTo(1000);

        // the first one's end gives its share back to the next
        first.close();
        SpooledMessage third = spool.newMessage(MaybeSender.nullSender(), List.of());
        third.getMessageOutputStream().write(new byte[1000]);
        assertThat(third.onDisk()).isFalse();
        third.close();
        second.close();
        assertThat(spool.bytesInMemory()).isZero();
        assertThat(files()).isEmpty();
    }

    @Test
    void filesLeftByAKilledProcessAreRemovedWhenTheSpoolOpens() throws IOException {
        Files.write(directory.resolve(Spool.PREFIX + "123.eml"), new byte[10]);
        Files.write(directory.resolve("unrelated.txt"), new byte[10]);
        new Spool(directory);
        assertThat(files()).containsExactly(directory.resolve("unrelated.txt"));
    }

    @Test
    void aSpoolThatCannotBeWrittenFailsTheMessageNotTheSession() throws IOException {
        SpooledMessage message = new Spool(directory, 0, 10).newMessage(MaybeSender.nullSender(), List.of());
        Files.delete(directory);
        message.getMessageOutputStream().write(new byte[100]);
        try {
            message.getMessageInputStream();
            throw new AssertionError("reading a message whose spooling failed must fail");
        } catch (IOException expected) {
            assertThat(expected).hasMessageContaining("spooling the message failed");
        }
    }

    private List<Path> files() throws IOException {
        try (var stream = Files.list(directory)) {
            return stream.toList();
        }
    }
}
