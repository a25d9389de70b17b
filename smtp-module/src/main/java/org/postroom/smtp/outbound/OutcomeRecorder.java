package org.postroom.smtp.outbound;

import static org.postroom.smtp.reply.Codes.SE_NET4_BAD_CONNECTION2;
import static org.postroom.smtp.reply.Codes.SE_NET4_DELIVERY_EXPIRED7;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postroom.smtp.SmtpStandard;
import org.postroom.smtp.dsn.Bounces;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Action;
import org.postroom.smtp.dsn.DeliveryStatusNotification.Item;
import org.postroom.smtp.outbound.DeliveryOutcome.Deferred;
import org.postroom.smtp.outbound.DeliveryOutcome.Delivered;
import org.postroom.smtp.outbound.DeliveryOutcome.Failed;
import org.postroom.smtp.reply.Diagnosis;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Writes down what an attempt came to, entry by entry: delivered entries leave the queue,
 * deferred ones wait for their next attempt by the {@link RetrySchedule} (or fail when they have
 * expired), failed ones leave the queue after their sender's DSN is stored. Every time involved
 * (next attempt, expiry, the delay warning's age, the latency) is the database's, as the queue
 * keeps it. Each entry's attempt is
 * logged in the database and on one INFO line.
 *
 * <p>Each recorded outcome counts in {@code postroom.delivery.attempts} (tag {@code outcome}:
 * delivered, deferred, bounced), and a delivery's time from queued to delivered in the timer
 * {@code postroom.delivery.latency}.
 *
 * <p>Order matters for the promise that nothing is lost: a DSN is committed before the failed
 * entries are removed, so a crash in between repeats the DSN instead of dropping it.
 */
final class OutcomeRecorder {

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);

    private final DeliveryQueue queue;
    private final Bounces bounces;
    private final RetrySchedule schedule;
    private final Duration delayWarning;
    private final Counter delivered;
    private final Counter deferred;
    private final Counter bounced;
    private final Timer latency;

    /** {@code delayWarning} zero turns the "delayed" DSN off. */
    OutcomeRecorder(DeliveryQueue queue, Bounces bounces, RetrySchedule schedule, Duration delayWarning,
            MeterRegistry meters) {
        this.queue = queue;
        this.bounces = bounces;
        this.schedule = schedule;
        this.delayWarning = delayWarning;
        this.delivered = attempts(meters, "delivered");
        this.deferred = attempts(meters, "deferred");
        this.bounced = attempts(meters, "bounced");
        this.latency = Timer.builder("postroom.delivery.latency")
                .description("time from queued to delivered, per recipient")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofDays(5)).register(meters);
    }

    private static Counter attempts(MeterRegistry meters, String outcome) {
        return Counter.builder("postroom.delivery.attempts").description("recorded outcomes of delivery attempts, per recipient")
                .tag("outcome", outcome).register(meters);
    }

    /**
     * Records the outcome for every entry of {@code group} (entries of one message), by recipient,
     * each write through {@code writes}, which waits out a failing database while the lease lasts.
     */
    void record(List<QueueEntry> group, Map<String, DeliveryOutcome> outcomes, LeasedWrites writes) {
        List<QueueEntry> failed = new ArrayList<>();
        List<Failed> failures = new ArrayList<>();
        List<Item> delays = new ArrayList<>();
        for (QueueEntry entry : group) {
            DeliveryOutcome outcome = outcomes.getOrDefault(entry.recipient(),
                    new Deferred("", Diagnosis.temporary(SE_NET4_BAD_CONNECTION2,
                            "the attempt ended without a word about this recipient")));
            if (outcome instanceof Delivered delivered) {
                Duration queued = writes.write("delivered " + entry.id(),
                        () -> queue.complete(entry, delivered.nextHop(), delivered.reply()));
                logAttempt(entry, "delivered", outcome.nextHop(), delivered.reply());
                this.delivered.increment();
                latency.record(queued);
            } else if (outcome instanceof Deferred deferred) {
                Optional<Instant> next = writes.write("deferral of " + entry.id(), () -> queue.defer(entry,
                        schedule.delayAfter(entry.attempts()), schedule.maxAge(), deferred.nextHop(),
                        deferred.diagnosis().text()));
                if (next.isEmpty()) {
                    failed.add(entry);
                    failures.add(expired(deferred));
                    continue;
                }
                logAttempt(entry, "deferred until " + next.get(), outcome.nextHop(), deferred.diagnosis().text());
                this.deferred.increment();
                if (warnNow(entry)) {
                    delays.add(item(entry, deferred.nextHop(), deferred.diagnosis()));
                }
            } else {
                failed.add(entry);
                failures.add((Failed) outcome);
            }
        }
        if (!failed.isEmpty()) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < failed.size(); i++) {
                items.add(item(failed.get(i), failures.get(i).nextHop(), failures.get(i).diagnosis()));
            }
            writes.run("DSN for message " + failed.get(0).messageId(),
                    () -> bounces.send(failed.get(0), Action.FAILED, items, retryUntil(failed.get(0))));
            for (int i = 0; i < failed.size(); i++) {
                Failed failure = failures.get(i);
                QueueEntry entry = failed.get(i);
                writes.run("failure of " + entry.id(),
                        () -> queue.fail(entry, failure.nextHop(), failure.diagnosis().text()));
                logAttempt(failed.get(i), "failed", failure.nextHop(), failure.diagnosis().text());
                bounced.increment();
            }
        }
        if (!delays.isEmpty()) {
            sendDelayWarning(group.get(0), delays);
        }
    }

    /**
     * The bounce of an entry whose retry period ended: 5.4.7, delivery time expired, unless the last
     * attempt was held back by a security finding of ours (X.7.x: no STARTTLS where it is required,
     * a certificate that does not verify, an MTA-STS policy), whose code then tells the sender why.
     */
    private static Failed expired(Deferred last) {
        Diagnosis why = last.diagnosis();
        String code = !why.fromRemote() && why.status().startsWith("4.7.") ? why.status().substring(2)
                : SE_NET4_DELIVERY_EXPIRED7;
        return new Failed(last.nextHop(), Diagnosis.permanent(code, "delivery time expired; last attempt: " + why.text()));
    }

    /** A recipient's line in a DSN: the host of the next hop that answered or was tried last, and why. */
    private static Item item(QueueEntry entry, String nextHop, Diagnosis diagnosis) {
        String remoteMta = nextHop.isEmpty() ? "" : HostAndPort.parse(nextHop, SmtpStandard.MX_PORT).host();
        return new Item(entry.recipient(), remoteMta, diagnosis);
    }

    private Instant retryUntil(QueueEntry entry) {
        return entry.createdAt().plus(schedule.maxAge());
    }

    /** The first deferral after the warning age claims the once-only flag. */
    private boolean warnNow(QueueEntry entry) {
        return !delayWarning.isZero() && !entry.sender().isEmpty() && queue.markDelayWarned(entry, delayWarning);
    }

    private void sendDelayWarning(QueueEntry entry, List<Item> delays) {
        try {
            bounces.send(entry, Action.DELAYED, delays, retryUntil(entry));
        } catch (StorageUnavailableException e) {
            // the entries stay queued and will be delivered or bounced; only the courtesy note is lost
            log.warn("delay warning for message {} not sent: {}", entry.messageId(), e.getMessage());
        }
    }

    private static void logAttempt(QueueEntry entry, String outcome, String nextHop, String detail) {
        log.info("delivery queue-entry={} message={} from=<{}> to=<{}> via={} attempt={} {}: {}", entry.id(),
                entry.messageId(), entry.sender(), entry.recipient(), nextHop.isEmpty() ? "-" : nextHop,
                entry.attempts() + 1, outcome, detail);
    }
}
