package org.postroom.admin.queue;

import java.util.List;

import org.postroom.storage.message.MessageCheck;

/**
 * A waiting delivery with every attempt made so far, oldest first, and the verdicts of the inbound
 * checks its message went through (empty for mail a user submitted).
 */
public record QueueDetail(QueueEntryView entry, List<AttemptView> attempts, List<MessageCheck> checks) {

    public QueueDetail {
        attempts = List.copyOf(attempts);
        checks = List.copyOf(checks);
    }
}
