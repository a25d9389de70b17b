package org.postroom.smtp.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where messages larger than {@link #MEMORY_LIMIT} wait between DATA and their
 * commit, so a 25 MiB message never sits in the heap. The messages in memory share a budget, an
 * eighth of the heap: beyond it a message goes to disk from its first byte, so a thousand
 * sessions in DATA at once cannot exhaust the heap either. Files are deleted as soon as the message is
 * stored or refused; files left behind by a killed process are deleted when the spool opens (one
 * Postroom process per spool directory).
 *
 * <p>The spool knows how much room its file system has: below {@link #minFreeSpace()} it takes no
 * new transaction ({@link #hasRoom}, Postfix's {@code queue_minfree}), and it is the one place that
 * tells a write that failed for want of space ({@link SpoolFullException}) from any other failure.
 */
public final class Spool {

    /** Messages up to one storage chunk stay in memory: the common case never touches the disk. */
    public static final int MEMORY_LIMIT = 256 * 1024;

    /**
     * A write that failed while less than this was free failed for want of space: James writes a
     * line at a time, and the spool file's buffer passes on at most this much at once.
     */
    static final int WRITE_SIZE = 64 * 1024;

    /**
     * The C library's words for ENOSPC and EDQUOT, which the JDK passes on as the message of a plain
     * IOException: a quota (EDQUOT) does not show in the file system's free space.
     */
    private static final List<String> OUT_OF_SPACE = List.of("no space left on device", "disk quota exceeded");

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    static final String PREFIX = "incoming-";

    private final Path directory;
    private final long minFreeSpace;
    private final int memoryLimit;
    private final FileStore fileSystem;
    private final long memoryBudget;
    private final AtomicLong inMemory = new AtomicLong();

    /** A spool in {@code directory} that takes transactions as long as its file system has any room. */
    public Spool(Path directory) {
        this(directory, 0);
    }

    /**
     * Opens (creating it if needed) the spool in {@code directory} and clears what a killed process
     * left; it takes no new transaction while its file system has less than {@code minFreeSpace}
     * bytes free.
     */
    public Spool(Path directory, long minFreeSpace) {
        this(directory, minFreeSpace, MEMORY_LIMIT);
    }

    Spool(Path directory, long minFreeSpace, int memoryLimit) {
        this(directory, minFreeSpace, memoryLimit, Runtime.getRuntime().maxMemory() / 8);
    }

    Spool(Path directory, long minFreeSpace, int memoryLimit, long memoryBudget) {
        this.directory = directory;
        this.minFreeSpace = minFreeSpace;
        this.memoryLimit = memoryLimit;
        this.memoryBudget = memoryBudget;
        try {
            Files.createDirectories(directory);
            this.fileSystem = Files.getFileStore(directory);
            removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("open the SMTP spool directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The free space under which no new transaction is taken, in bytes (0: none). */
    public long minFreeSpace() {
        return minFreeSpace;
    }

    /** The bytes the spool's file system has free for Postroom now. */
    public long freeSpace() throws IOException {
        return fileSystem.getUsableSpace();
    }

    /**
     * Whether a new transaction may start: the file system has at least {@link #minFreeSpace()}
     * free. A file system that cannot say counts as having room: a write that then fails is
     * reported with the message it was for.
     */
    boolean hasRoom() {
        try {
            return freeSpace() >= minFreeSpace;
        } catch (IOException e) {
            log.warn("could not read the free space of the spool {}: {}", directory, e.toString());
            return true;
        }
    }

    SpooledMessage newMessage(MaybeSender sender, List<MailAddress> recipients) {
        return new SpooledMessage(sender, recipients, this, memoryLimit);
    }

    /** Takes {@code bytes} of the memory budget for a message; false, taking nothing, when the budget has no room. */
    boolean reserveMemory(int bytes) {
        if (inMemory.addAndGet(bytes) > memoryBudget) {
            inMemory.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #reserveMemory} took. */
    void releaseMemory(long bytes) {
        inMemory.addAndGet(-bytes);
    }

    /** The bytes of all messages held in memory now. */
    long bytesInMemory() {
        return inMemory.get();
    }

    /** A new file for one message. */
    Path newFile() throws IOException {
        return Files.createTempFile(directory, PREFIX, ".eml");
    }

    /**
     * What the failure of a spool file's write was: a {@link SpoolFullException} when the file
     * system had no room for it (ENOSPC, EDQUOT, or less than {@link #WRITE_SIZE} left), {@code
     * failure} itself otherwise.
     */
    IOException writeFailed(IOException failure) {
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        boolean full = OUT_OF_SPACE.stream().anyMatch(message::contains);
        if (!full) {
            try {
                full = freeSpace() < WRITE_SIZE;
            } catch (IOException unknown) {
                failure.addSuppressed(unknown);
            }
        }
        return full ? new SpoolFullException(directory, failure) : failure;
    }

    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                log.info("removed {}, a message a stopped Postroom never acknowledged", file);
            }
        }
    }
}
