package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.pop3.POP3MessageInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.testing.SmallDisk;
import org.postroom.smtp.testing.TestSmtpServer;
import org.postroom.storage.Database;
import org.postroom.testing.ExpectedErrors;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.UserRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database going away under load (issue 24). The packaged server takes mail on port 25 for a
 * local user and for an alias that forwards to a remote server, and a mail client downloads and
 * deletes over POP3 (port 995), while its embedded PostgreSQL is stopped under it three times (a
 * fast shutdown, an immediate one, the postmaster killed outright; Postroom starts it again each
 * time), or hangs (every process of it stopped with SIGSTOP, then let go on). Meanwhile every SMTP
 * reply is a 250 or a 451 4.3.0, in time; POP3 refuses with {@code -ERR [SYS/TEMP]}; health goes
 * DOWN and comes back UP by itself. Afterwards the mail client received every message acknowledged
 * with 250 (a message deleted by a QUIT that said +OK never again; one whose QUIT failed it may get
 * twice, as POP3 allows), the remote server got each forwarded one exactly once, and no queue entry
 * is left claimed. The same load runs against an external PostgreSQL (docker-compose's setup),
 * stopped, killed and restarted under Postroom by its operator, and once left down for a minute.
 */
class DatabaseOutageIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration STORAGE_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern TOKEN = Pattern.compile("token (m\\d+-\\d+)");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The data directory's file system when a test fills it: PostgreSQL's binaries, cluster and WAL, the spool. */
    private static final long DATA_DISK = 320L * 1024 * 1024;
    private static final Duration LONG_OUTAGE = Duration.parse("PT" + System.getProperty("outage.long", "60s"));

    private final AtomicBoolean loading = new AtomicBoolean(true);
    /** Token → recipient of every message answered 250. */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** How often each refusal (the command and the reply's first words) came, for the record. */
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    /** Tokens of the messages downloaded in sessions whose QUIT said +OK: deleted on the server. */
    private final List<String> downloaded = new CopyOnWriteArrayList<>();
    /**
     * Tokens downloaded in sessions that did not end with +OK to QUIT: the client has them, and
     * the server may or may not have deleted them (a commit whose answer was lost with the database).
     */
    private final Set<String> downloadedUndeleted = ConcurrentHashMap.newKeySet();
    /** The current POP3 session's downloads until its QUIT says +OK (one session at a time). */
    private volatile List<String> inSession = List.of();
    private final AtomicInteger dropped = new AtomicInteger();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final Set<String> healthSeen = ConcurrentHashMap.newKeySet();

    @Test
    void mailAcknowledgedAcrossThreeStopsOfTheDatabaseIsThereExactlyOnce(@TempDir Path workDir) throws Exception {
        underLoad(workDir, "three stops", embedded(workDir, 3), postroom -> {
            List<String> stops = List.of("INT", "QUIT", "KILL");
            for (int stop = 0; stop < stops.size(); stop++) {
                String signal = stops.get(stop);
                awaitMailFlowing("before the SIG" + signal);
                long postmaster = postmaster(workDir);
                kill(signal, List.of(postmaster));
                // the restart is over when Postroom logs it; the server may answer a little earlier
                long restarts = stop + 1;
                await(() -> postmasterAfter(workDir, postmaster) && restartsLogged(postroom) == restarts,
                        "PostgreSQL started again after SIG" + signal);
            }
        });
    }

    /**
     * PostgreSQL stops answering without closing anything (all its processes stopped with SIGSTOP,
     * as a hung server or a network that drops packets): {@code postroom.smtp.storage-timeout}
     * turns every wait into a 451 in time, no thread stays stuck, and mail flows again once it
     * answers.
     */
    @Test
    void aDatabaseThatStopsAnsweringIsWaitedForNoLongerThanTheStorageTimeout(@TempDir Path workDir)
            throws Exception {
        underLoad(workDir, "SIGSTOP", embedded(workDir, 0), postroom -> {
            awaitMailFlowing("before the SIGSTOP");
            ProcessHandle postmaster = ProcessHandle.of(postmaster(workDir)).orElseThrow();
            int refusedBefore = refused.size();
            // the postmaster first, so that it forks no new backend; a backend that ends between
            // the listing and its signal is not part of the hang
            kill("STOP", List.of(postmaster.pid()));
            List<Long> server = new ArrayList<>(List.of(postmaster.pid()));
            postmaster.descendants().filter(backend -> signal("STOP", backend)).map(ProcessHandle::pid)
                    .forEach(server::add);
            try {
                await(() -> refused.size() >= refusedBefore + 2, "451 while PostgreSQL does not answer");
                // the hang lasts longer than any one wait of the server's
                Thread.sleep(STORAGE_TIMEOUT.multipliedBy(2).toMillis());
            } finally {
                kill("CONT", server);
            }
        });
    }

    /**
     * docker-compose's setup: PostgreSQL is another server, which its operator stops (fast and
     * immediate shutdown), kills, and starts again, three times in quick succession and then after
     * {@code outage.long} (60 s unless set) down: Postroom needs no restart and loses nothing.
     */
    @Test
    @ExpectedErrors(loggers = "io.zonky", because = "the test gives back zonky's lock on the data directory of a"
            + " server it stopped itself, and zonky's pg_ctl finds no server left to stop")
    void mailAcknowledgedWhileAnExternalDatabaseIsStoppedAndLeftDownIsThereExactlyOnce(@TempDir Path workDir)
            throws Exception {
        try (ExternalPostgres postgres = ExternalPostgres.startIn(workDir.resolve("external-postgres"))) {
            DatabaseSetup external = new DatabaseSetup(postgres.environment(), postgres::dataSource, 0, true);
            underLoad(workDir, "external stops", external, postroom -> {
                for (String signal : List.of("INT", "QUIT", "KILL")) {
                    awaitMailFlowing("before the SIG" + signal);
                    int refusedBefore = refused.size();
                    postgres.stop(signal);
                    await(() -> refused.size() > refusedBefore, "451 while PostgreSQL is down after SIG" + signal);
                    postgres.restart();
                }
                awaitMailFlowing("before the long outage");
                postgres.stop("INT");
                // the fault is the time it lasts
                Thread.sleep(LONG_OUTAGE.toMillis());
                postgres.restart();
            });
        }
    }

    /**
     * The data directory's file system fills up to its last byte under load, with the spool's
     * free-space check off ({@code postroom.spool.min-free-space=0}; on, it refuses MAIL before the
     * disk is this full), so that PostgreSQL itself finds no room: a message whose row or WAL
     * cannot be written is answered {@code 452 4.3.1} (or {@code 451 4.3.0}), nothing is stored
     * half, and once space returns mail flows again without a restart, nothing lost. Health stays
     * UP: the database answers, and only a write tells that its disk is full.
     */
    @Test
    @ExtendWith(SmallDisk.class)
    void mailAcknowledgedWhileTheDatabaseDiskIsFullIsThereExactlyOnce(@TempDir Path workDir) throws Exception {
        try (SmallDisk disk = SmallDisk.mount(DATA_DISK)) {
            Files.createSymbolicLink(workDir.resolve("data"), disk.directory());
            DatabaseSetup noSpoolCheck = new DatabaseSetup(Map.of("POSTROOM_SPOOL_MIN_FREE_SPACE", "0"),
                    () -> PostroomProcess.embeddedDatabase(workDir), 0, false);
            underLoad(workDir, "database disk full", noSpoolCheck, postroom -> {
                awaitMailFlowing("before the disk filled");
                int refusedBefore = refused.size();
                disk.fill();
                await(() -> refused.size() >= refusedBefore + 4, "refusals while the database's disk is full");
                disk.makeRoom();
            });
        }
    }

    private static DatabaseSetup embedded(Path workDir, int restartsExpected) {
        return new DatabaseSetup(Map.of(), () -> PostroomProcess.embeddedDatabase(workDir), restartsExpected, true);
    }

    /**
     * Where the server's database runs: its configuration, a direct connection for the test, how
     * many restarts of an embedded database the server is to log (its only ERROR lines), and
     * whether health is to go DOWN during the fault.
     */
    private record DatabaseSetup(Map<String, String> environment, DatabaseAccess access, int restartsExpected,
            boolean healthGoesDown) {
    }

    @FunctionalInterface
    private interface DatabaseAccess {
        DataSource open() throws IOException;
    }

    /** How a test strikes the database under load. */
    @FunctionalInterface
    private interface Fault {
        void strike(PostroomProcess postroom) throws Exception;
    }

    /** Sends {@code signal} to {@code process}; false when it had already exited. */
    private static boolean signal(String signal, ProcessHandle process) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            assertThat(exit == 0 || !process.isAlive()).as("kill -%s %s", signal, process.pid()).isTrue();
            return exit == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void kill(String signal, List<Long> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        assertThat(new ProcessBuilder(command).start().waitFor()).as("kill -%s %s", signal, pids).isZero();
    }

    /**
     * Runs the packaged server under load (SMTP to a local user and to an alias forwarding to a
     * remote server, a POP3 client downloading and deleting, a health watcher), strikes with
     * {@code fault}, lets mail flow again, and checks that every message acknowledged is there
     * exactly once and that the server logged no ERROR line but the restarts of its embedded
     * database that the setup expects.
     */
    private void underLoad(Path workDir, String name, DatabaseSetup database, Fault fault) throws Exception {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("POSTROOM_SMTP_STORAGE_TIMEOUT", STORAGE_TIMEOUT.toSeconds() + "s");
        try (TestSmtpServer remote = new TestSmtpServer();
                PostroomProcess postroom = new PostroomProcess(workDir, environment)) {
            postroom.start("--postroom.hostname=mx.example.com", "--postroom.delivery.poll-interval=1s",
                    "--postroom.delivery.routes.far.example=" + remote.hostAndPort());
            Database db = new Database(database.access().open());
            new DomainRepository(db, "postroom").create("example.com");
            new UserRepository(db).create("alice@example.com", PASSWORD, null);
            new AliasRepository(db).create("team@example.com", List.of("bob@far.example"));

            ExecutorService load = Executors.newFixedThreadPool(4);
            List<Future<?>> running = List.of(
                    load.submit(() -> send(postroom.port("SMTP"), 1, "alice@example.com")),
                    load.submit(() -> send(postroom.port("SMTP"), 2, "team@example.com")),
                    load.submit(() -> download(postroom.port("POP3S"), workDir)),
                    load.submit(() -> watchHealth(postroom)));

            fault.strike(postroom);
            awaitMailFlowing("after the " + name);
            loading.set(false);
            for (Future<?> task : running) {
                task.get();
            }
            load.shutdown();

            downloadEverything(postroom.port("POP3S"), workDir);
            JdbcClient sql = JdbcClient.create(database.access().open());
            await(() -> sql.sql("select count(*) from queue_entry").query(Long.class).single() == 0,
                    "the queue emptied");

            System.out.printf("database outage (%s): %d acknowledged, %d refused (451 or 452), %d downloaded and deleted,"
                    + " %d downloaded but not deleted, %d POP3 connections closed by the server, %d forwarded%n",
                    name, acknowledged.size(), refused.size(), downloaded.size(), downloadedUndeleted.size(),
                    dropped.get(), remote.transactions().size());
            System.out.printf("database outage (%s): refusals %s%n", name, refusals);
            assertThat(unexpected).isEmpty();
            assertThat(refused).as("the outages were felt").isNotEmpty();
            assertThat(healthSeen).containsAll(database.healthGoesDown() ? List.of("DOWN", "UP") : List.of("UP"));
            assertThat(postroom.health()).contains("UP");
            List<String> local = tokensTo("alice@example.com");
            Set<String> received = new HashSet<>(downloaded);
            received.addAll(downloadedUndeleted);
            assertThat(downloaded).doesNotHaveDuplicates();
            assertThat(received).containsAll(local);
            assertThat(received).allSatisfy(token -> assertThat(local.contains(token) || refused.contains(token))
                    .as("%s was neither acknowledged nor refused", token).isTrue());
            List<String> forwarded = remote.transactions().stream().map(t -> token(new String(t.data(),
                    StandardCharsets.US_ASCII))).toList();
            assertThat(forwarded).doesNotHaveDuplicates().containsAll(tokensTo("team@example.com"));
            assertThat(postroom.log().lines().filter(line -> line.contains(" ERROR ")))
                    .hasSize(database.restartsExpected())
                    .allMatch(line -> line.contains("exited under Postroom; starting it again"));
        }
    }

    private void awaitMailFlowing(String when) {
        int before = acknowledged.size();
        await(() -> acknowledged.size() >= before + 10, "mail flows " + when);
    }

    /** Sends message after message to {@code recipient}, each in a session of its own, noting every reply. */
    private void send(int port, int sender, String recipient) {
        for (int n = 0; loading.get(); n++) {
            String token = "m" + sender + "-" + n;
            long started = System.nanoTime();
            try (SmtpClient smtp = SmtpClient.connect(port)) {
                smtp.reply();
                smtp.command("EHLO client.elsewhere.test");
                String reply = transaction(smtp, recipient, token);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                if (reply.startsWith("250")) {
                    acknowledged.put(token, recipient);
                } else if (reply.startsWith("451 4.3.0") || reply.startsWith("452 4.3.1")) {
                    refused.add(token);
                    refusals.merge(reply.strip(), 1, Integer::sum);
                } else {
                    unexpected.add("SMTP " + token + ": " + reply);
                }
                if (took.compareTo(STORAGE_TIMEOUT.multipliedBy(3)) > 0) {
                    unexpected.add("SMTP " + token + " took " + took);
                }
                smtp.command("QUIT");
            } catch (Exception e) {
                unexpected.add("SMTP " + token + ": " + e);
            }
        }
    }

    /** MAIL, RCPT and DATA; the first reply that is not a go-ahead, or the reply to the message. */
    private static String transaction(SmtpClient smtp, String recipient, String token) throws Exception {
        for (String command : List.of("MAIL FROM:<far@elsewhere.test>", "RCPT TO:<" + recipient + ">", "DATA")) {
            String reply = smtp.command(command);
            if (!reply.startsWith("250") && !reply.startsWith("354")) {
                return reply;
            }
        }
        return smtp.command("Subject: outage\r\n\r\ntoken " + token + "\r\n.");
    }

    /** A mail client checking for mail again and again: downloads, deletes, and counts what QUIT committed. */
    private void download(int port, Path workDir) {
        while (loading.get()) {
            try {
                downloaded.addAll(downloadOnce(port, workDir));
            } catch (SocketTimeoutException e) {
                unexpected.add("POP3 hung: " + e);
            } catch (IOException e) {
                // the server closes the connection when the database fails in the middle of a message
                dropped.incrementAndGet();
            } catch (Exception e) {
                unexpected.add("POP3: " + e);
            }
        }
    }

    private List<String> downloadOnce(int port, Path workDir) throws Exception {
        POP3SClient pop3 = new POP3SClient(true, TrustedCertificate.generatedIn(workDir.resolve("data")));
        pop3.setDefaultTimeout(60_000);
        pop3.connect("127.0.0.1", port);
        pop3.setSoTimeout(60_000);
        try {
            if (!pop3.login("alice@example.com", PASSWORD)) {
                expectTemporaryFailure(pop3.getReplyString());
                return List.of();
            }
            POP3MessageInfo[] messages = pop3.listMessages();
            if (messages == null) {
                expectTemporaryFailure(pop3.getReplyString());
                return List.of();
            }
            List<String> tokens = new ArrayList<>();
            inSession = tokens;
            for (POP3MessageInfo message : messages) {
                try (Reader reader = pop3.retrieveMessage(message.number)) {
                    if (reader == null) {
                        expectTemporaryFailure(pop3.getReplyString());
                        return List.of();
                    }
                    tokens.add(token(read(reader)));
                }
                pop3.deleteMessage(message.number);
            }
            if (pop3.logout()) {
                inSession = List.of();
                return tokens;
            }
            expectTemporaryFailure(pop3.getReplyString());
            return List.of();
        } finally {
            downloadedUndeleted.addAll(inSession);
            inSession = List.of();
            pop3.disconnect();
        }
    }

    private void expectTemporaryFailure(String reply) {
        if (!reply.contains("[SYS/TEMP]") && !reply.contains("[IN-USE]")) {
            unexpected.add("POP3: " + reply.strip());
        }
    }

    private void downloadEverything(int port, Path workDir) {
        await(() -> {
            try {
                downloaded.addAll(downloadOnce(port, workDir));
                return true;
            } catch (Exception e) {
                return false;
            }
        }, "the last download");
    }

    private void watchHealth(PostroomProcess postroom) {
        while (loading.get()) {
            try {
                String health = postroom.health();
                healthSeen.add(health.contains("\"UP\"") ? "UP" : "DOWN");
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                healthSeen.add("DOWN");
            }
        }
    }

    private List<String> tokensTo(String recipient) {
        return acknowledged.entrySet().stream().filter(e -> e.getValue().equals(recipient)).map(Map.Entry::getKey)
                .toList();
    }

    private static String token(String message) {
        Matcher matcher = TOKEN.matcher(message);
        return matcher.find() ? matcher.group(1) : "(none in: " + message + ")";
    }

    private static String read(Reader reader) throws Exception {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0;) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }

    private static long postmaster(Path workDir) throws Exception {
        return Long.parseLong(Files.readAllLines(workDir.resolve("data/postgres/postmaster.pid")).get(0).strip());
    }

    private static long restartsLogged(PostroomProcess postroom) {
        return postroom.log().lines().filter(line -> line.contains("embedded PostgreSQL running again")).count();
    }

    /** True once a PostgreSQL other than {@code before} runs on the data directory and takes connections. */
    private static boolean postmasterAfter(Path workDir, long before) {
        try {
            return postmaster(workDir) != before && JdbcClient.create(PostroomProcess.embeddedDatabase(workDir))
                    .sql("select 1").query(Integer.class).single() == 1;
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }
}
