package org.postroom.server.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledExecutorService;

import org.postroom.smtp.digest.QuarantineDigestRound;
import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the day's quarantine digest round at {@code postroom.quarantine.digest.time} (in its zone),
 * on a thread of its own, and looks once more 70 minutes later: a round that a stopped process left
 * unfinished for an hour is taken over then (storage's claim decides who sends; every process runs
 * this schedule). A round the database failed is tried again every 10 minutes until the next look.
 */
final class QuarantineDigestSchedule extends DaemonTimer {

    private static final Logger log = LoggerFactory.getLogger(QuarantineDigestSchedule.class);

    /** Longer than the hour after which a claimed, unfinished round may be taken over. */
    static final Duration SECOND_LOOK = Duration.ofMinutes(70);
    private static final Duration RETRY = Duration.ofMinutes(10);

    private final QuarantineDigestRound round;
    private final LocalTime time;
    private final Clock clock;

    /** {@code clock}'s zone is the one {@code time} is read in. */
    QuarantineDigestSchedule(QuarantineDigestRound round, LocalTime time, Clock clock) {
        super("quarantine-digest");
        this.round = round;
        this.time = time;
        this.clock = clock;
    }

    /** The next look after {@code now}: at {@code time} or {@link #SECOND_LOOK} after it, with the day whose round it is. */
    static Look next(ZonedDateTime now, LocalTime time) {
        for (LocalDate day = now.toLocalDate().minusDays(1); ; day = day.plusDays(1)) {
            ZonedDateTime start = day.atTime(time).atZone(now.getZone());
            for (ZonedDateTime at : new ZonedDateTime[] { start, start.plus(SECOND_LOOK) }) {
                if (at.isAfter(now)) {
                    return new Look(day, at);
                }
            }
        }
    }

    /** A look at the round of {@code day}, due {@code at}. */
    record Look(LocalDate day, ZonedDateTime at) {
    }

    @Override
    void schedule(ScheduledExecutorService timer) {
        scheduleNext();
    }

    private void scheduleNext() {
        Look look = next(ZonedDateTime.now(clock), time);
        later(() -> look(look.day()), Duration.between(ZonedDateTime.now(clock), look.at()));
    }

    private void look(LocalDate day) {
        try {
            round.run(day);
        } catch (RuntimeException e) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            boolean retryBeforeNextLook = now.plus(RETRY).isBefore(next(now, time).at());
            log.warn("quarantine digest: the round of {} failed{}: {}", day,
                    retryBeforeNextLook ? ", tried again in " + RETRY : "", Printable.text(e.getMessage()));
            if (retryBeforeNextLook) {
                later(() -> look(day), RETRY);
                return;
            }
        }
        scheduleNext();
    }
}
