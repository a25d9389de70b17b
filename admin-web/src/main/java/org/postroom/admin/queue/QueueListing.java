package org.postroom.admin.queue;

import java.time.Instant;
import java.util.List;

/**
 * One page of the queue by next attempt time, with the whole queue's size and the moment its
 * oldest entry was queued (null when empty). {@code page} counts from 0.
 */
public record QueueListing(List<QueueEntryView> items, int page, int size, long total, Instant oldestCreatedAt) {

    public QueueListing {
        items = List.copyOf(items);
    }

    public int pages() {
        return (int) ((total + size - 1) / size);
    }
}
