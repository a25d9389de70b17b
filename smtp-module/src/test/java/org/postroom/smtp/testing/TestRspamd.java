package org.postroom.smtp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private rspamd (Debian's package, 3.4) for the tests, with its Redis: started on free loopback
 * ports with a minimal configuration of its own, never touching /etc or a system instance, and
 * stopped (with its workers) by {@link #close}. Nothing leaves the machine: fuzzy_check is off
 * (it resolves its servers with the system resolver at start), and every DNS question of rspamd's
 * goes to a {@link TestDnsServer} on loopback, which answers NXDOMAIN.
 *
 * <p>For the tests' sake: greylisting (module and action) is off, a clean message scores about 4
 * (the checks of a client on loopback without DNS), a Subject with {@value #SPAM_WORD} adds 8 (rspamd
 * then advises "add header"), one with {@value #DEFER_WORD} makes it advise "soft reject", and the
 * GTUBE string "reject". The controller asks the password {@value #PASSWORD} of everyone (its
 * {@code secure_ip} is an address no test connects from).
 *
 * <p>The first start compiles rspamd's regular expressions into {@code target/rspamd-db} of the
 * project (the reactor's root, so smtp-module's tests and the server's share it), which later
 * starts reuse: 10 s to a few minutes cold on a busy machine, about 1 s warm. {@link #start} waits
 * for the normal worker's {@code /ping} and the controller's.
 */
public final class TestRspamd implements AutoCloseable {

    public static final String PASSWORD = "rspamd test password";
    public static final String SPAM_WORD = "POSTROOM-TEST-SPAM";
    public static final String DEFER_WORD = "POSTROOM-TEST-DEFER";
    /** The GTUBE test string (rspamd's "Gtube pattern"): rspamd rejects a message that carries it. */
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final Path db;
    private final TestDnsServer dns;
    private final int scanPort;
    private final int controllerPort;
    private final int proxyPort;
    private final int redisPort;
    private Process redis;
    private Process rspamd;

    private TestRspamd(Path home, TestDnsServer dns) {
        this.home = home;
        // a module's tests run in the module's directory; the reactor's root is the one with mvnw
        Path root = Files.exists(Path.of("..", "mvnw")) ? Path.of("..") : Path.of(".");
        this.db = root.resolve("target").resolve("rspamd-db").toAbsolutePath().normalize();
        this.dns = dns;
        this.scanPort = freePort();
        this.controllerPort = freePort();
        this.proxyPort = freePort();
        this.redisPort = freePort();
    }

    /**
     * One rspamd for a test class, started before its first test and stopped after its last: {@code
     * @RegisterExtension static final TestRspamd.PerClass RSPAMD = TestRspamd.perClass();}, with
     * {@code @ExtendWith(RspamdAvailable.class)} on the class so that nothing starts where rspamd is
     * not installed.
     */
    public static PerClass perClass() {
        return new PerClass();
    }

    /** The extension of {@link #perClass}. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private TestRspamd rspamd;

        private PerClass() {
        }

        /** The running rspamd; started on first use if the class's callbacks have not run yet. */
        public synchronized TestRspamd get() {
            if (rspamd == null) {
                try {
                    rspamd = start();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return rspamd;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            get();
        }

        @Override
        public synchronized void afterAll(ExtensionContext context) {
            if (rspamd != null) {
                rspamd.close();
                rspamd = null;
            }
        }
    }

    /** Starts Redis and rspamd under {@code target/rspamd}, and waits until rspamd answers. */
    public static TestRspamd start() throws IOException {
        TestRspamd instance = new TestRspamd(Path.of("target", "rspamd").toAbsolutePath(), new TestDnsServer());
        try {
            instance.configure();
            instance.startRedis();
            instance.startRspamd();
            return instance;
        } catch (IOException | RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /** The normal worker, whose {@code /checkv2} scans. */
    public URI scanUrl() {
        return URI.create("http://127.0.0.1:" + scanPort);
    }

    /** The controller, which learns. */
    public URI controllerUrl() {
        return URI.create("http://127.0.0.1:" + controllerPort);
    }

    /** Stops rspamd (not Redis), as an operator's restart or a crash would; {@link #restart} brings it back. */
    public void stop() {
        stop(rspamd);
        rspamd = null;
    }

    /** Starts rspamd again after {@link #stop}, on the same ports. */
    public void restart() throws IOException {
        startRspamd();
    }

    /** rspamd's log so far, for a failing test's message. */
    public String log() {
        try {
            Path file = home.resolve("log").resolve("rspamd.log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        stop(rspamd);
        stop(redis);
        dns.close();
    }

    private void configure() throws IOException {
        Path local = Files.createDirectories(home.resolve("etc").resolve("local.d"));
        Path override = Files.createDirectories(home.resolve("etc").resolve("override.d"));
        Files.createDirectories(home.resolve("run"));
        Files.createDirectories(home.resolve("log"));
        // shared by every start: the compiled expressions make a warm start take a second
        Files.createDirectories(db);
        write(local.resolve("fuzzy_check.conf"), "enabled = false;\n");
        write(local.resolve("greylist.conf"), "enabled = false;\n");
        write(local.resolve("options.inc"), "dns {\n  nameserver = [\"127.0.0.1:" + dns.address().getPort()
                + "\"];\n  timeout = 1s;\n  retransmits = 1;\n}\n");
        write(local.resolve("redis.conf"), "servers = \"127.0.0.1:" + redisPort + "\";\n");
        write(local.resolve("actions.conf"), "reject = 15;\nadd_header = 6;\ngreylist = null;\n");
        write(local.resolve("logging.inc"), "level = \"info\";\n");
        write(local.resolve("test-spam.map"), "/" + SPAM_WORD + "/\n");
        write(local.resolve("test-defer.map"), "/" + DEFER_WORD + "/\n");
        write(local.resolve("multimap.conf"), """
                POSTROOM_TEST_SPAM {
                  type = "header";
                  header = "Subject";
                  regexp = true;
                  map = "${LOCAL_CONFDIR}/local.d/test-spam.map";
                  score = 8.0;
                }
                POSTROOM_TEST_DEFER {
                  type = "header";
                  header = "Subject";
                  regexp = true;
                  map = "${LOCAL_CONFDIR}/local.d/test-defer.map";
                  score = 0.0;
                  action = "soft reject";
                  message = "Try again later";
                }
                """);
        write(override.resolve("worker-normal.inc"), "bind_socket = \"127.0.0.1:" + scanPort + "\";\ncount = 1;\n");
        write(override.resolve("worker-controller.inc"), "bind_socket = \"127.0.0.1:" + controllerPort
                + "\";\ncount = 1;\nsecure_ip = \"192.0.2.1\";\npassword = \"" + PASSWORD + "\";\nenable_password = \""
                + PASSWORD + "\";\n");
        write(override.resolve("worker-proxy.inc"), "bind_socket = \"127.0.0.1:" + proxyPort + "\";\ncount = 1;\n");
    }

    private void startRedis() throws IOException {
        redis = new ProcessBuilder(RspamdAvailable.redis().toString(), "--port", Integer.toString(redisPort), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(home.resolve("log").resolve("redis.log").toFile()).start();
        awaitPort(redisPort, redis, "redis-server");
    }

    private void startRspamd() throws IOException {
        Path etc = home.resolve("etc");
        List<String> command = new ArrayList<>(List.of(RspamdAvailable.rspamd().toString(), "-f", "-i", "-c",
                "/etc/rspamd/rspamd.conf", "--var", "LOCAL_CONFDIR=" + etc, "--var", "RUNDIR=" + home.resolve("run"),
                "--var", "DBDIR=" + db, "--var", "LOGDIR=" + home.resolve("log")));
        rspamd = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("log").resolve("rspamd.out").toFile()))
                .start();
        awaitPing(scanUrl(), rspamd);
        awaitPing(controllerUrl(), rspamd);
    }

    /** Waits until {@code url}/ping answers pong, for as long as the process lives. */
    private void awaitPing(URI url, Process process) throws IOException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("rspamd exited with " + process.exitValue() + " while starting:\n" + log());
            }
            try {
                HttpResponse<String> pong = client.send(HttpRequest.newBuilder(url.resolve("/ping"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (pong.statusCode() == 200 && pong.body().strip().equals("pong")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for rspamd", e);
            }
            pause();
        }
        throw new IOException("rspamd did not answer " + url + "/ping within " + START_TIMEOUT + ":\n" + log());
    }

    private static void awaitPort(int port, Process process, String name) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " while starting");
            }
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IOException(name + " did not listen on " + port + " within 30 s");
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle worker : workers) {
                worker.destroy();
                worker.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            workers.forEach(ProcessHandle::destroyForcibly);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
