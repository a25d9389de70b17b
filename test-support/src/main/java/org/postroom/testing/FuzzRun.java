package org.postroom.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.api.BugDetectors;

/**
 * What every fuzz target (a Jazzer {@code @FuzzTest}, in a class named {@code *FuzzTest}) does
 * around its inputs: {@link #input()} first thing for each input, and {@link #report} once after the
 * last ({@code @AfterAll}).
 *
 * <p>{@link #input()} lets the code under test connect to this machine's loopback addresses (the
 * test's listeners and servers, PostgreSQL, the DNS server on loopback) and nowhere else: Jazzer's
 * server-side request forgery detector reports every other connection as a finding. Jazzer's agent
 * takes the rule only while an input runs, and Jazzer sets its own again when it turns from the
 * seeds to fuzzing, hence once per input; it is never taken back, so it holds between inputs too (a
 * connection pool connects whenever it likes). It also counts the input, for {@link #report}: Jazzer's
 * JUnit integration prints no statistics of its own, and bench/fuzz.sh reads this line.
 */
public final class FuzzRun {

    private static final AtomicLong INPUTS = new AtomicLong();
    private static volatile long firstInput;

    private FuzzRun() {
    }

    public static void input() {
        if (INPUTS.getAndIncrement() == 0) {
            firstInput = System.nanoTime();
        }
        // the closeable it returns, which would restore the previous rule, is left unused on purpose
        BugDetectors.allowNetworkConnections((host, port) -> isLoopback(host));
    }

    /** Prints {@code fuzz run: <target> <n> inputs in <s> s} and starts counting anew. */
    public static void report(Class<?> target) {
        long inputs = INPUTS.getAndSet(0);
        Duration took = Duration.ofNanos(inputs == 0 ? 0 : System.nanoTime() - firstInput);
        System.out.println("fuzz run: " + target.getSimpleName() + " " + inputs + " inputs in " + took.toSeconds() + " s");
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1");
    }
}
