package org.postroom.server.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of Postroom's own, under {@code <data-dir>/postgres}, that keeps its data
 * across restarts.
 *
 * <p>zonky's defaults are made for throwaway test databases (fsync off, asynchronous commit);
 * here both are turned back on, because Postroom answers 250 only for a committed message and a
 * power cut must not take it back.
 *
 * <p>Only a client with its password may connect ({@link PasswordAccess}); the password lives in
 * the data directory, readable by the user Postroom runs as and nobody else.
 *
 * <p>When the previous Postroom process was killed (SIGKILL, OOM killer), its PostgreSQL keeps
 * running and holds the data directory. Start-up finds it through {@code postmaster.pid}, makes
 * sure no live Postroom owns it (the data directory's lock file is free), shuts it down, and then
 * starts afresh; PostgreSQL's crash recovery keeps every committed transaction.
 *
 * <p>While Postroom runs, it watches its PostgreSQL: when the server exits under it (the kernel's
 * OOM killer, a crash, someone's {@code pg_ctl stop}), it is started again on the same port, and
 * the connection pool finds it there; meanwhile storage answers "unavailable" (SMTP's 451 4.3.0).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** zonky's lock file in the data directory, held by the process that runs the server. */
    private static final String LOCK_FILE = "epg-lock";
    private static final String USER = PasswordAccess.USER;
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /** How often the server this process started is checked for having exited. */
    static final Duration WATCH_INTERVAL = Duration.ofSeconds(2);

    /** The server this process started and stops; null when attached to another process's server. */
    private volatile EmbeddedPostgres postgres;
    private final Path directory;
    private final Restart restart;
    private final String jdbcUrl;
    private final String password;
    private final ScheduledExecutorService watch;
    private volatile boolean closing;
    private Instant lastRestartFailureLogged = Instant.MIN;
    /** The server's processes besides its postmaster, as last seen running. */
    private List<ProcessHandle> serverProcesses = List.of();

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, Restart restart, String jdbcUrl,
            String password) {
        this.postgres = postgres;
        this.directory = directory;
        this.restart = restart;
        this.jdbcUrl = jdbcUrl;
        this.password = password;
        this.watch = postgres == null ? null : watchEvery(WATCH_INTERVAL);
    }

    /** How the server is started again on its port, with everything it was started with. */
    @FunctionalInterface
    private interface Restart {
        EmbeddedPostgres start(int port) throws IOException;
    }

    /**
     * Starts (and on first use creates) the database under {@code dataDir}, for the server.
     *
     * @throws IllegalStateException when another running Postroom uses that data dir
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path directory = directoryIn(dataDir);
        Optional<String> runningUrl = urlOfServerInUse(directory);
        if (runningUrl.isPresent()) {
            throw new IllegalStateException("the embedded database in " + directory
                    + " is in use by another running Postroom; stop it first or use another postroom.data-dir");
        }
        return startServer(dataDir, directory);
    }

    /**
     * Connects to the database a running Postroom serves from {@code dataDir}, or starts it when
     * none does: for the command line, which must work beside a running server.
     */
    public static EmbeddedDatabase attachOrStart(Path dataDir) {
        Path directory = directoryIn(dataDir);
        return urlOfServerInUse(directory)
                .map(url -> new EmbeddedDatabase(null, directory, null, url, PasswordAccess.read(directory).orElseThrow(
                        () -> new IllegalStateException("no password for the embedded database in " + directory))))
                .orElseGet(() -> startServer(dataDir, directory));
    }

    private static Path directoryIn(Path dataDir) {
        return dataDir.resolve("postgres").toAbsolutePath();
    }

    private static EmbeddedDatabase startServer(Path dataDir, Path directory) {
        try {
            Files.createDirectories(directory);
            stopOrphanedServer(directory);
            Path binaries = dataDir.resolve("postgres-binaries").toAbsolutePath();
            PasswordAccess access = PasswordAccess.of(directory);
            Restart start = port -> builder(directory, binaries, access).setPort(port).start();
            EmbeddedPostgres postgres = builder(directory, binaries, access).start();
            log.info("embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), directory);
            return new EmbeddedDatabase(postgres, directory, start, postgres.getJdbcUrl(USER, USER),
                    access.password());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + directory, e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path directory, Path binaries, PasswordAccess access) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                // after initdb (which knows only trust), before the server takes any connection
                .setDataDirectoryCustomizer(data -> access.secure(data.toPath(), binaries))
                // zonky's own readiness check connects too
                .setConnectConfig("password", access.password())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                // the Spring context stops the database after the listeners finished their work
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT);
    }

    private ScheduledExecutorService watchEvery(Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-postgres-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::restartIfExited, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer;
    }

    /** Starts the server again when it exited while Postroom runs; a failed start is tried at the next look. */
    private synchronized void restartIfExited() {
        EmbeddedPostgres exited = postgres;
        try {
            Optional<ProcessHandle> running = runningPostmaster(directory);
            if (closing || running.isPresent()) {
                serverProcesses = running.map(postmaster -> postmaster.children().toList()).orElse(List.of());
                return;
            }
            int port = exited.getPort();
            // an error for the operator: something ended the database (most often the OOM killer)
            log.error("the embedded PostgreSQL on port {} exited under Postroom; starting it again", port);
            endLeftovers(serverProcesses);
            closeQuietly(exited);
            postgres = restart.start(port);
            log.info("embedded PostgreSQL running again on port {}", port);
        } catch (IOException | RuntimeException e) {
            if (Duration.between(lastRestartFailureLogged, Instant.now()).compareTo(Duration.ofMinutes(1)) >= 0) {
                log.error("the embedded PostgreSQL could not be started again, tried every {} s: {}",
                        WATCH_INTERVAL.toSeconds(), e.getMessage());
                lastRestartFailureLogged = Instant.now();
            }
        }
    }

    /**
     * Ends what is left of a server whose postmaster was killed: its processes hold its shared
     * memory, and a new postmaster refuses to start beside them.
     */
    private static void endLeftovers(List<ProcessHandle> processes) throws IOException {
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("process " + process.pid() + " of the exited PostgreSQL did not end", e);
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // it exited already; closing only gives back its lock on the data directory
            log.debug("closing the exited embedded PostgreSQL: {}", e.getMessage());
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        closing = true;
        watch.shutdownNow();
        synchronized (this) {
            closeServer();
        }
    }

    private void closeServer() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("stopping the embedded PostgreSQL failed: {}", e.getMessage());
        }
    }

    /** The URL of a PostgreSQL running on this data dir for a live Postroom (its lock file is held). */
    private static Optional<String> urlOfServerInUse(Path directory) {
        try {
            if (runningPostmaster(directory).isEmpty() || lockIsFree(directory.resolve(LOCK_FILE))) {
                return Optional.empty();
            }
            // postmaster.pid, line 4: the port (PostgreSQL's documented pid file layout)
            List<String> pid = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return Optional.of("jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/" + USER);
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("cannot read the state of the embedded database in " + directory, e);
        }
    }

    /** Shuts down a PostgreSQL left running by a Postroom that was killed; it holds the data dir. */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Optional<ProcessHandle> running = runningPostmaster(directory);
        if (running.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = running.get();
        log.warn("a PostgreSQL (pid {}) left behind by an earlier Postroom holds {}; shutting it down",
                postmaster.pid(), directory);
        // SIGTERM is PostgreSQL's "smart" shutdown; its clients died with the old process
        postmaster.destroy();
        try {
            postmaster.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the PostgreSQL left behind (pid " + postmaster.pid()
                    + ") did not stop within " + ORPHAN_STOP_WAIT.toSeconds() + " s", e);
        }
    }

    /** The live postmaster named in {@code postmaster.pid}, if that process is a PostgreSQL. */
    private static Optional<ProcessHandle> runningPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.contains("postgres")).orElse(false));
    }

    private static boolean lockIsFree(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
                FileLock lock = file.getChannel().tryLock()) {
            return lock != null;
        }
    }
}
