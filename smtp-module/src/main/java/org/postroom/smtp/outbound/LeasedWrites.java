package org.postroom.smtp.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.postroom.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a finished attempt came to, waiting out a database that fails for a while (a restart,
 * a failover): the remote server has answered already, and an outcome not written would leave the
 * entries claimed until their lease runs out, to be claimed and sent again. Each write is tried
 * every {@link #PAUSE} until it succeeds or the claim's lease is about to end; then the failure
 * passes on, and the lease decides: the message may then go out twice, never be lost.
 */
final class LeasedWrites {

    static final Duration PAUSE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(LeasedWrites.class);

    private final Clock clock;
    private final Instant leaseEnds;
    private boolean waited;

    LeasedWrites(Clock clock, Instant leaseEnds) {
        this.clock = clock;
        this.leaseEnds = leaseEnds;
    }

    /** {@code write}'s result, tried again while the database fails and the lease lasts; {@code what} names it in the log. */
    <T> T write(String what, Supplier<T> write) {
        while (true) {
            try {
                T result = write.get();
                if (waited) {
                    log.info("{} written after the database came back", what);
                    waited = false;
                }
                return result;
            } catch (StorageUnavailableException e) {
                if (!clock.instant().plus(PAUSE).isBefore(leaseEnds)) {
                    throw e;
                }
                if (!waited) {
                    log.warn("{} waits for the database, tried again every {} s until the lease ends at {}: {}", what,
                            PAUSE.toSeconds(), leaseEnds, e.getMessage());
                    waited = true;
                }
                pause(e);
            }
        }
    }

    /** As {@link #write(String, Supplier)}, for a write without a result. */
    void run(String what, Runnable write) {
        write(what, () -> {
            write.run();
            return null;
        });
    }

    private static void pause(StorageUnavailableException failure) {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
