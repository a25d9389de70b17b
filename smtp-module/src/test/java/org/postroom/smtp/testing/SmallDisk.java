package org.postroom.smtp.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real small file system for a test: a tmpfs of a given size mounted on a new directory ({@code
 * mount -t tmpfs -o size=…}, as root or inside {@code unshare -Urm}), which the test fills and
 * frees, unmounted when closed. As an {@link ExecutionCondition} it first tries such a mount: where
 * none can be made the test class is skipped with the reason, unless {@code -Ddisk.tests=required}
 * (or {@code DISK_TESTS=required}), as CI runs, which fails the build instead.
 */
public final class SmallDisk implements AutoCloseable, ExecutionCondition {

    private static final Logger log = Logger.getLogger(SmallDisk.class.getName());
    private static final String FILLER = "filler";

    private final Path directory;

    /** For JUnit's {@code @ExtendWith}: the condition only. */
    public SmallDisk() {
        this.directory = null;
    }

    private SmallDisk(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code bytes} on a new directory. */
    public static SmallDisk mount(long bytes) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("postroom-small-disk");
            run("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", directory.toString());
            return new SmallDisk(directory);
        } catch (IOException e) {
            UncheckedIOException failure = new UncheckedIOException(e);
            try {
                if (directory != null) {
                    Files.deleteIfExists(directory);
                }
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** Where the file system is mounted. */
    public Path directory() {
        return directory;
    }

    /** The bytes free on it now. */
    public long free() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills it with a file of its own until less than {@code left} bytes are free. */
    public void fillLeaving(long left) {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(directory.resolve(FILLER))) {
            while (free() >= left) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fill " + directory + " (free " + free() + ")", e);
        }
    }

    /**
     * Fills it with a file of its own until a write finds no space left, as a disk does whose other
     * writers (a database) keep writing too.
     */
    public void fill() {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(directory.resolve(FILLER))) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            if (free() >= block.length) {
                throw new UncheckedIOException("fill " + directory + " (free " + free() + ")", full);
            }
        }
    }

    /** Deletes what {@link #fillLeaving} or {@link #fill} wrote. */
    public void makeRoom() {
        try {
            Files.deleteIfExists(directory.resolve(FILLER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files on it besides the filler. */
    public List<Path> files() {
        try (var files = Files.list(directory)) {
            return files.filter(file -> !file.getFileName().toString().equals(FILLER)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            run("umount", directory.toString());
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        try (SmallDisk probe = mount(64 * 1024)) {
            return ConditionEvaluationResult.enabled("a tmpfs can be mounted on " + probe.directory());
        } catch (RuntimeException e) {
            String reason = "cannot mount a tmpfs (run as root, or inside unshare -Urm): " + e.getMessage();
            if (required()) {
                throw new IllegalStateException("disk tests are required but " + reason, e);
            }
            log.warning("skipping disk tests: " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    private static boolean required() {
        String setting = System.getProperty("disk.tests", System.getenv().getOrDefault("DISK_TESTS", "auto"));
        return "required".equals(setting.toLowerCase(Locale.ROOT));
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
