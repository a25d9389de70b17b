package org.postroom.listener.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays random client sessions against a server for a fixed time, from several clients at once,
 * each session drawn from its own {@link Random} derived from one seed, so that a failure names
 * the seed, the client and the session that found it. The seed is fixed unless the system
 * property {@value #SEED_PROPERTY} gives another; a failure says how to replay it. The system
 * property {@value #SECONDS_PROPERTY} lets the clients play longer than a build can wait.
 *
 * <p>A session fails on an {@link AssertionError} (a wrong reply, a hang: see {@link RawClient})
 * or any exception other than the server closing the connection; the failure message carries the
 * session's transcript. The first failure stops every client.
 */
public final class RandomSessions {

    public static final String SEED_PROPERTY = "postroom.random.seed";
    public static final String SECONDS_PROPERTY = "postroom.random.seconds";

    private final long seed;
    private final int clients;
    private final Duration duration;
    private final Duration replyDeadline;

    private RandomSessions(long seed, int clients, Duration duration, Duration replyDeadline) {
        this.seed = seed;
        this.clients = clients;
        this.duration = duration;
        this.replyDeadline = replyDeadline;
    }

    /**
     * @param defaultSeed   the seed unless {@value #SEED_PROPERTY} is set
     * @param clients       sessions played at the same time
     * @param duration      how long new sessions are started, unless {@value #SECONDS_PROPERTY} says
     * @param replyDeadline how long a client waits for each reply (or the close) before it calls it a hang
     */
    public static RandomSessions of(long defaultSeed, int clients, Duration duration, Duration replyDeadline) {
        String seed = System.getProperty(SEED_PROPERTY, "").strip();
        String seconds = System.getProperty(SECONDS_PROPERTY, "").strip();
        return new RandomSessions(seed.isEmpty() ? defaultSeed : Long.parseLong(seed), clients,
                seconds.isEmpty() ? duration : Duration.ofSeconds(Long.parseLong(seconds)), replyDeadline);
    }

    /** One client session, from connecting to the end of the connection. */
    @FunctionalInterface
    public interface Session {
        void play(RandomInput input, Connections connections) throws IOException;
    }

    /** Opens the connections of a session, so that a failure can show what was said on them. */
    @FunctionalInterface
    public interface Connections {
        RawClient open(int port) throws IOException;
    }

    /**
     * Plays sessions until the time is up.
     *
     * @return how many sessions were played
     * @throws AssertionError for the first session that failed, naming the seed to replay it
     */
    public int run(Session session) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        AtomicReference<AssertionError> failure = new AtomicReference<>();
        AtomicInteger played = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int id = client;
            Thread thread = new Thread(() -> {
                for (int index = 0; System.nanoTime() < end && failure.get() == null; index++) {
                    AssertionError failed = playOne(session, id, index);
                    if (failed != null) {
                        failure.compareAndSet(null, failed);
                    }
                    played.incrementAndGet();
                }
            }, "random-client-" + client);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(duration.plus(replyDeadline.multipliedBy(4)).toMillis());
            if (thread.isAlive()) {
                failure.compareAndSet(null, new AssertionError(thread.getName() + " is still waiting: " + replay()));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return played.get();
    }

    /**
     * Waits (up to 10 s) until the server has closed every connection, so that what it logs at the
     * end of a session is in the log.
     */
    public static void awaitServerDone(IntSupplier openConnections) {
        await("every connection closed by the server after the clients left").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10)).until(openConnections::getAsInt, open -> open == 0);
    }

    private AssertionError playOne(Session session, int client, int index) {
        Random random = new Random(seed ^ (client * 0x9E3779B97F4A7C15L) ^ ((long) index << 20));
        List<RawClient> opened = new ArrayList<>();
        try {
            session.play(new RandomInput(random), port -> {
                RawClient connection = RawClient.connect(port, replyDeadline);
                opened.add(connection);
                return connection;
            });
            return null;
        } catch (AssertionError | Exception e) {
            StringBuilder message = new StringBuilder("client " + client + ", session " + index + ": " + e + "\n"
                    + replay());
            for (RawClient connection : opened) {
                message.append("\n--- transcript\n").append(connection.transcript());
            }
            return new AssertionError(message.toString(), e);
        } finally {
            opened.forEach(RawClient::close);
        }
    }

    private String replay() {
        return "seed " + seed + " (replay with -D" + SEED_PROPERTY + "=" + seed + ")";
    }
}
