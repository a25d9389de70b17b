package org.postroom.smtp.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.postroom.storage.queue.QueueSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery workers of this process. Each worker claims one due queue entry together with the
 * other due entries of its message and domain (one SMTP transaction), delivers them, and claims the
 * next; with nothing due it sleeps until the queue signal says an entry was added (within
 * moments, in any process) or the poll interval has passed (for entries whose retry time came).
 *
 * <p>Claims carry a lease: a worker that dies (or a process that is killed) leaves its entries
 * to be claimed again when the lease runs out, so the lease must outlast one whole attempt.
 * Entries are completed only after the remote 250, so a crash can repeat a delivery but never
 * lose one.
 */
public final class DeliveryWorkers implements AutoCloseable {

    /**
     * @param workers how many deliveries run at once in this process
     * @param name this process's name in the queue's {@code claimed_by} (e.g. host and pid)
     * @param lease how long a claim holds before another worker may take the entries
     * @param pollInterval how often an idle worker looks for entries whose retry time came
     * @param maxRecipients recipients per SMTP transaction (RFC 5321 §4.5.3.1.8: servers take at least 100)
     */
    public record Settings(int workers, String name, Duration lease, Duration pollInterval, int maxRecipients) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration LISTEN_TIMEOUT = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final DeliveryQueue queue;
    private final QueueSignal signal;
    private final OutboundDelivery delivery;
    private final Settings settings;
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private long wakeups;
    private int waiting;
    private volatile boolean running;

    public DeliveryWorkers(DeliveryQueue queue, QueueSignal signal, OutboundDelivery delivery, Settings settings) {
        this.queue = queue;
        this.signal = signal;
        this.delivery = delivery;
        this.settings = settings;
    }

    public synchronized void start() {
        if (running || settings.workers() == 0) {
            return;
        }
        running = true;
        for (int i = 1; i <= settings.workers(); i++) {
            String worker = settings.name() + "/delivery-" + i;
            threads.add(daemon("delivery-" + i, () -> work(worker)));
        }
        threads.add(daemon("delivery-listener", this::listen));
        log.info("{} delivery workers started as {}", settings.workers(), settings.name());
    }

    /** Lets running attempts finish (for 30 s at most), then stops; entries still claimed wait for their lease. */
    @Override
    public void close() {
        close(STOP_WAIT);
    }

    /**
     * Lets running attempts finish for {@code wait} at most, then stops. A worker still busy then
     * is left behind (its thread is a daemon); its entries are claimed again when their lease
     * runs out, so a delivery may repeat but is never lost.
     */
    public synchronized void close(Duration wait) {
        running = false;
        wakeAll();
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        signal.close();
    }

    /**
     * How many workers wait for work right now: nothing was due at their last look, and only the
     * queue signal or the poll interval wakes them.
     */
    public int idleWorkers() {
        synchronized (idle) {
            return waiting;
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void work(String worker) {
        boolean mayHoldClaims = false;
        while (running) {
            long seen = wakeupsSeen();
            try {
                if (mayHoldClaims) {
                    releaseClaims(worker);
                    mayHoldClaims = false;
                }
                Instant claimed = Instant.now();
                List<QueueEntry> group = queue.claimNext(worker, settings.maxRecipients(), settings.lease());
                if (group.isEmpty()) {
                    awaitWork(seen, settings.pollInterval());
                } else {
                    // half the lease for connecting leaves the other half for the transaction under way
                    delivery.deliver(group, claimed.plus(settings.lease().dividedBy(2)), claimed.plus(settings.lease()));
                }
            } catch (StorageUnavailableException e) {
                log.warn("delivery paused, the database failed: {}", e.getMessage());
                // a claim may have committed although its answer was lost; this worker is idle now
                mayHoldClaims = true;
                awaitWork(seen, settings.pollInterval());
            } catch (RuntimeException e) {
                // a bug must not kill the worker; the entries are claimed again when their lease runs out
                log.error("delivery failed unexpectedly; the entries are retried after their lease", e);
            }
        }
    }

    private void releaseClaims(String worker) {
        int released = queue.releaseClaims(worker);
        if (released > 0) {
            log.info("{} gave back {} queue entries it had claimed when the database failed", worker, released);
        }
    }

    private void listen() {
        while (running) {
            try {
                if (signal.await(LISTEN_TIMEOUT)) {
                    wakeAll();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long wakeupsSeen() {
        synchronized (idle) {
            return wakeups;
        }
    }

    private void wakeAll() {
        synchronized (idle) {
            wakeups++;
            idle.notifyAll();
        }
    }

    /** Sleeps unless a wake-up came since {@code seen}: an entry added during the claim is not missed. */
    private void awaitWork(long seen, Duration timeout) {
        synchronized (idle) {
            if (wakeups == seen && running) {
                waiting++;
                try {
                    idle.wait(Math.max(1, timeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                } finally {
                    waiting--;
                }
            }
        }
    }
}
