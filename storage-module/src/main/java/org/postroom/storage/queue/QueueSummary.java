package org.postroom.storage.queue;

import java.time.Instant;

/** How full the queue is: entries waiting, and when the oldest of them was queued (null when empty). */
public record QueueSummary(long depth, Instant oldestCreatedAt) {
}
