package org.postroom.admin.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.postroom.admin.queue.AttemptView;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueSummary;
import org.postroom.storage.stats.MailStatistics;
import org.postroom.storage.stats.ServerTotals;
import org.springframework.stereotype.Component;

/** Gathers the dashboard's figures from storage, for the page and the API alike. */
@Component
class Dashboard {

    static final int HOURS = 24;
    private static final int RECENT_FAILURES = 8;

    private final MailStatistics statistics;
    private final DeliveryQueue queue;
    private final Quarantine quarantine;
    private final Clock clock = Clock.systemDefaultZone();

    Dashboard(MailStatistics statistics, DeliveryQueue queue, Quarantine quarantine) {
        this.statistics = statistics;
        this.queue = queue;
        this.quarantine = quarantine;
    }

    DashboardFigures figures() {
        Instant midnight = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        ServerTotals totals = statistics.totals(midnight);
        QueueSummary waiting = queue.summary();
        return new DashboardFigures(totals.domains(), totals.users(), totals.aliases(), totals.storedMessages(),
                totals.storedBytes(), waiting.depth(), waiting.oldestCreatedAt(), waiting.oldestAge(), totals.received(),
                totals.delivered(), totals.failed(), quarantine.count(), statistics.hourly(HOURS),
                queue.recentFailures(RECENT_FAILURES).stream().map(AttemptView::of).toList());
    }
}
