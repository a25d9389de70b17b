package org.postroom.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.core.ConditionTimeoutException;
import org.postroom.smtp.testing.TestDnsServer;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged {@code postroom.jar} run as a real process in a working directory of its own, the
 * way an operator runs it: for tests of start-up, restarts and hard kills.
 */
final class PostroomProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    /**
     * The processes live for seconds and carry a few test messages: with the quick C1 compiler alone
     * they start sooner (EmbeddedDefaultIT, four starts: 68 s before, 59 s after). Durability does
     * not depend on the JIT.
     */
    private static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path workDir;
    private final TestDnsServer dns;
    private final Map<String, String> environment;
    private final int httpPort;
    private Process process;
    private int run;

    /**
     * A process in {@code workDir} with free ports for every listener, a DNS server on loopback
     * for all its lookups (so that nothing asks a real one), and the given extra environment.
     */
    PostroomProcess(Path workDir, Map<String, String> extraEnvironment) {
        this.workDir = workDir;
        this.httpPort = freePort();
        try {
            this.dns = new TestDnsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.environment = new HashMap<>(extraEnvironment);
        environment.putIfAbsent("POSTROOM_DNS_SERVERS", "127.0.0.1:" + dns.address().getPort());
        environment.put("SERVER_PORT", Integer.toString(httpPort));
        // the console's HTTPS as deployed (health, asked over plain HTTP, is not redirected)
        environment.put("POSTROOM_HTTPS_PORT", Integer.toString(freePort()));
        for (String listener : List.of("SMTP", "SUBMISSION", "SMTPS", "POP3", "POP3S")) {
            environment.putIfAbsent("POSTROOM_" + listener + "_PORT", Integer.toString(freePort()));
        }
    }

    /** The console's plain-HTTP port. */
    int httpPort() {
        return httpPort;
    }

    /** The console's HTTPS port. */
    int httpsPort() {
        return Integer.parseInt(environment.get("POSTROOM_HTTPS_PORT"));
    }

    Map<String, String> environment() {
        return environment;
    }

    /** Starts the jar and waits until {@code /actuator/health} answers UP. */
    void start(String... args) throws IOException, InterruptedException {
        // the heap and the last resort of the container image (Dockerfile): an OutOfMemoryError ends the process
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(SHORT_LIVED_JVM);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("postroom-" + (++run) + ".log").toFile());
        builder.environment().putAll(environment);
        process = builder.start();
        awaitHealthy();
    }

    /** Runs {@code java -jar postroom.jar <args>} as a command in the same directory and environment. */
    CommandResult command(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(SHORT_LIVED_JVM);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process cli = builder.start();
        cli.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(120, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            throw new AssertionError("command " + List.of(args) + " did not finish; output:\n" + output);
        }
        return new CommandResult(cli.exitValue(), output);
    }

    record CommandResult(int exitCode, String output) {
    }

    String health() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** SIGTERM, as `docker stop` and systemd send, and wait for a clean exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("postroom did not stop within 60 s after SIGTERM; log:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGTERM without waiting: the test watches what happens while the process shuts down. */
    void terminate() {
        process.destroy();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to end; its exit code, or empty when it is still running. */
    OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(workDir.resolve("postroom-" + run + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int port(String listener) {
        return Integer.parseInt(environment.get("POSTROOM_" + listener + "_PORT"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
        dns.close();
    }

    private void awaitHealthy() {
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("postroom exited with " + process.exitValue() + "; log:\n" + log());
                }
                try {
                    return health().contains("\"status\":\"UP\"");
                } catch (IOException notYetListening) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("postroom did not become healthy within " + STARTUP + "; log:\n" + log(), e);
        }
    }

    private static Path jar() {
        return Path.of(System.getProperty("postroom.jar", "target/postroom.jar")).toAbsolutePath();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A direct connection to the embedded PostgreSQL of a Postroom in {@code workDir}, found through
     * its postmaster.pid (line 4 is the port), with the password kept in data/postgres/postroom.pgpass
     * (libpq's format: {@code *:*:*:postgres:<password>}).
     */
    static DataSource embeddedDatabase(Path workDir) throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + embeddedDatabasePort(workDir) + "/postgres";
        String entry = Files.readString(workDir.resolve(EMBEDDED_PASSWORD_FILE), StandardCharsets.US_ASCII).strip();
        return new DriverManagerDataSource(url, "postgres", entry.substring(entry.lastIndexOf(':') + 1));
    }

    static final String EMBEDDED_PASSWORD_FILE = "data/postgres/postroom.pgpass";

    static String embeddedDatabasePort(Path workDir) throws IOException {
        List<String> pid = Files.readAllLines(workDir.resolve("data/postgres/postmaster.pid"), StandardCharsets.US_ASCII);
        return pid.get(3).strip();
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): the process binds it only
     * seconds later, and again after a restart, while every outgoing connection on the machine
     * (other test runs included) takes its local port from that range.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another one
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }
}
