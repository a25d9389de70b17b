package org.postroom.storage.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * How full the queue is: entries waiting, when the oldest of them was queued (null when empty),
 * and how long it has waited (zero when empty). The age is measured on the database's clock, the
 * one every queue time is written on, so a process whose own clock is off still reads it right.
 */
public record QueueSummary(long depth, Instant oldestCreatedAt, Duration oldestAge) {
}
