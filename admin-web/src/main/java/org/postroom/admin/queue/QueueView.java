package org.postroom.admin.queue;

import org.postroom.admin.api.PageView;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueSummary;
import org.springframework.stereotype.Component;

/** The reads the queue page and the queue API share. */
@Component
class QueueView {

    private final DeliveryQueue queue;
    private final MessageChecks checks;

    QueueView(DeliveryQueue queue, MessageChecks checks) {
        this.queue = queue;
        this.checks = checks;
    }

    QueueListing page(int page, int size) {
        PageView.requireValid(page, size);
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new InvalidInputException("page " + page + " is beyond the end of any queue");
        }
        QueueSummary summary = queue.summary();
        return new QueueListing(queue.list(page * size, size).stream().map(QueueEntryView::of).toList(), page, size,
                summary.depth(), summary.oldestCreatedAt());
    }

    /** @throws NotFoundException when the entry is not (or no longer) queued */
    QueueDetail detail(long id) {
        QueueEntryView entry = queue.find(id).map(QueueEntryView::of)
                .orElseThrow(() -> new NotFoundException("no queue entry " + id + ": it was delivered, bounced or deleted"));
        return new QueueDetail(entry, queue.attempts(id).stream().map(AttemptView::of).toList(),
                checks.of(entry.messageId()));
    }
}
