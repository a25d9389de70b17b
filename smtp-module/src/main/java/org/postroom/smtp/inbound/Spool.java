package org.postroom.smtp.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where messages larger than {@link #MEMORY_LIMIT} wait between DATA and their
 * commit, so a 25 MiB message never sits in the heap. Files are deleted as soon as the message is
 * stored or refused; files left behind by a killed process are deleted when the spool opens (one
 * Postroom process per spool directory).
 */
public final class Spool {

    /** Messages up to one storage chunk stay in memory: the common case never touches the disk. */
    public static final int MEMORY_LIMIT = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    static final String PREFIX = "incoming-";

    private final Path directory;
    private final int memoryLimit;

    /** Opens (creating it if needed) the spool in {@code directory} and clears what a killed process left. */
    public Spool(Path directory) {
        this(directory, MEMORY_LIMIT);
    }

    Spool(Path directory, int memoryLimit) {
        this.directory = directory;
        this.memoryLimit = memoryLimit;
        try {
            Files.createDirectories(directory);
            removeLeftovers();
        } catch (IOException e) {
            throw new UncheckedIOException("open the SMTP spool directory " + directory, e);
        }
    }

    SpooledMessage newMessage(MaybeSender sender, List<MailAddress> recipients) {
        return new SpooledMessage(sender, recipients, directory, memoryLimit);
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
