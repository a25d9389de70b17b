package org.postroom.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL that is not Postroom's: the database container of docker-compose, which Postroom
 * reaches through {@code spring.datasource.url} and which its operator (here the test) stops,
 * kills and starts again on the same data directory and port. Durable like a real one (fsync and
 * synchronous commit on), so a committed message survives any of those.
 */
final class ExternalPostgres implements AutoCloseable {

    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path directory;
    private final int port;
    private EmbeddedPostgres server;

    private ExternalPostgres(Path directory, int port) throws IOException {
        this.directory = directory;
        this.port = port;
        this.server = start();
    }

    /** Creates a database cluster in {@code directory} and starts it on a free port. */
    static ExternalPostgres startIn(Path directory) throws IOException {
        return new ExternalPostgres(directory, PostroomProcess.freePort());
    }

    /** Postroom's configuration for this database, as docker-compose gives it. */
    Map<String, String> environment() {
        return Map.of("SPRING_DATASOURCE_URL", jdbcUrl(), "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "unused");
    }

    DataSource dataSource() {
        return new DriverManagerDataSource(jdbcUrl(), "postgres", "");
    }

    /**
     * Ends the server with {@code signal} sent to its postmaster (INT is {@code pg_ctl stop -m fast},
     * QUIT {@code -m immediate}) or, for KILL, to every one of its processes at once (a container
     * killed), and waits until all of them exited.
     */
    void stop(String signal) throws Exception {
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
        List<ProcessHandle> processes = signal.equals("KILL")
                ? Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList()
                : List.of(postmaster);
        for (ProcessHandle process : processes) {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        }
        postmaster.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        for (ProcessHandle process : postmaster.descendants().toList()) {
            process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        releaseDataDirectory();
    }

    /** Starts the server again on its data directory and port, as an operator or an orchestrator would. */
    void restart() throws IOException {
        server = start();
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100")
                .setRegisterShutdownHook(false)
                .start();
    }

    /** Gives back zonky's lock on the data directory; the server itself is gone already. */
    private void releaseDataDirectory() {
        try {
            server.close();
        } catch (IOException | RuntimeException stoppedAlready) {
            // pg_ctl finds no server to stop: that is the point
        }
        server = null;
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.US_ASCII)
                .get(0).strip());
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }
}
