package org.postroom.storage.greylist;

import java.time.Duration;
import java.time.Instant;

/** What {@link Greylist#attempt} made of one attempt: it passes for one of three reasons, or it is deferred. */
public sealed interface Attempt {

    /** The triplet passed before, within the pass lifetime: it passes at once. */
    record Known() implements Attempt {
    }

    /** A retry after the delay: the triplet passes now, {@code waited} after its first attempt, and from now on at once. */
    record Retried(Duration waited) implements Attempt {
    }

    /**
     * Not passed yet, but SPF authenticates the client for the sender's {@code domain}, a triplet of
     * which passed before: it passes now, and from now on at once.
     */
    record Vouched(String domain) implements Attempt {
    }

    /** Deferred: a retry passes from {@code passesFrom} on (the triplet's first attempt plus the delay). */
    record Deferred(Instant passesFrom) implements Attempt {
    }
}
