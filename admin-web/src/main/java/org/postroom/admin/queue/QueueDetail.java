package org.postroom.admin.queue;

import java.util.List;

/** A waiting delivery with every attempt made so far, oldest first. */
public record QueueDetail(QueueEntryView entry, List<AttemptView> attempts) {

    public QueueDetail {
        attempts = List.copyOf(attempts);
    }
}
