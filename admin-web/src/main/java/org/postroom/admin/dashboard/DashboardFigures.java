package org.postroom.admin.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.postroom.admin.queue.AttemptView;
import org.postroom.storage.stats.HourlyTraffic;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Everything the dashboard shows. "Today" starts at midnight in the server's time zone.
 *
 * @param storedMessages messages held for mailboxes or the queue, each counted once
 * @param oldestQueuedAt when the longest-waiting delivery was queued; null when the queue is empty
 * @param oldestQueuedFor how long it has waited, on the database's clock (the one queue times are
 *        written on, not this process's); zero when the queue is empty. The page's, not the API's.
 * @param deliveredToday deliveries to remote servers, one per recipient
 * @param heldInQuarantine messages the inbound checks hold for an administrator's decision now
 * @param lastDay messages in and deliveries out per hour, the last 24 hours, oldest first
 * @param recentFailures the latest deliveries that failed for good, newest first
 */
public record DashboardFigures(long domains, long users, long aliases, long storedMessages, long storedBytes,
        long queueDepth, Instant oldestQueuedAt, @JsonIgnore Duration oldestQueuedFor, long receivedToday,
        long deliveredToday, long failedToday, long heldInQuarantine, List<HourlyTraffic> lastDay,
        List<AttemptView> recentFailures) {

    private static final Duration LONG_WAIT = Duration.ofHours(1);

    public DashboardFigures {
        lastDay = List.copyOf(lastDay);
        recentFailures = List.copyOf(recentFailures);
    }

    /** True when a delivery has waited over an hour: worth the administrator's look. */
    public boolean queueWaitingLong() {
        return oldestQueuedFor.compareTo(LONG_WAIT) > 0;
    }
}
