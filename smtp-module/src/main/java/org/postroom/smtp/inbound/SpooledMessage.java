package org.postroom.smtp.inbound;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message between DATA and its commit: in memory up to a limit (and while the spool's memory
 * budget has room), then in a file of the {@link Spool}. Writing never throws, because James would
 * leave its DATA handler half-reset; a failure is kept ({@link #failure}, a {@link
 * SpoolFullException} when the disk is full), its file deleted at once so the room goes back to the
 * other sessions, and the rest of the data is discarded; {@link SpoolFailureHook} refuses the
 * message when the data end, and reading it fails.
 * Closing deletes the file; closing twice is harmless. A file that cannot be deleted is logged and
 * left to the spool's clean-up at the next start: the transaction it belonged to is over either way.
 */
final class SpooledMessage implements MailEnvelope, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpooledMessage.class);

    private final MaybeSender sender;
    private final List<MailAddress> recipients;
    private final Spool spool;
    private final int memoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private final OutputStream writer = new Writer();
    private Path file;
    private OutputStream fileOut;
    private IOException failure;
    private long size;

    SpooledMessage(MaybeSender sender, List<MailAddress> recipients, Spool spool, int memoryLimit) {
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
        this.spool = spool;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public MaybeSender getMaybeSender() {
        return sender;
    }

    @Override
    public List<MailAddress> getRecipients() {
        return recipients;
    }

    @Override
    public long getSize() {
        return size;
    }

    @Override
    public OutputStream getMessageOutputStream() {
        return writer;
    }

    /** The message as written; fails when writing it failed. */
    @Override
    public synchronized InputStream getMessageInputStream() throws IOException {
        if (failure != null) {
            throw new IOException("spooling the message failed", failure);
        }
        if (file == null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        fileOut.flush();
        return Files.newInputStream(file);
    }

    /** Why the message could not be spooled whole, if it could not. */
    synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** True when the message went to disk (for tests and the curious). */
    synchronized boolean onDisk() {
        return file != null;
    }

    @Override
    public synchronized void close() {
        forgetMemory();
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException e) {
            // the buffer's last bytes had no room either; the file goes all the same
            log.debug("could not write the rest of spool file {}: {}", file, e.toString());
        }
        deleteFile();
    }

    /** Lets go of the bytes in memory, their array too (reset would keep it). */
    private void forgetMemory() {
        spool.releaseMemory(memory.size());
        memory = new ByteArrayOutputStream();
    }

    private void deleteFile() {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("could not delete spool file {}: {}", file, e.toString());
        } finally {
            fileOut = null;
            file = null;
        }
    }

    private synchronized void append(byte[] bytes, int offset, int length) {
        if (failure != null) {
            return;
        }
        try {
            if (file == null && (memory.size() + length > memoryLimit || !spool.reserveMemory(length))) {
                file = spool.newFile();
                fileOut = new BufferedOutputStream(Files.newOutputStream(file), Spool.WRITE_SIZE);
                memory.writeTo(fileOut);
                forgetMemory();
            }
            if (file == null) {
                memory.write(bytes, offset, length);
            } else {
                fileOut.write(bytes, offset, length);
            }
            size += length;
        } catch (IOException e) {
            failure = spool.writeFailed(e);
            close();
        }
    }

    /** What James's DATA handler writes to, a line at a time; its per-line flush is not passed on. */
    private final class Writer extends OutputStream {

        @Override
        public void write(int b) {
            append(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            append(bytes, offset, length);
        }
    }
}
