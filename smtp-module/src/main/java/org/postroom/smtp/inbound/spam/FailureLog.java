package org.postroom.smtp.inbound.spam;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line a minute at most while rspamd cannot be asked, however many messages meet it: the
 * latest reason, and how many failures the minute before saw. Every failure is counted anyway
 * ({@link SpamMeters}).
 */
final class FailureLog {

    private static final Logger log = LoggerFactory.getLogger(FailureLog.class);
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    private final Clock clock;
    private Instant lastLine = Instant.MIN;
    private long unlogged;

    FailureLog(Clock clock) {
        this.clock = clock;
    }

    /** rspamd failed for one message because of {@code reason}; {@code outcome} says what became of it. */
    synchronized void failed(String reason, String outcome) {
        Instant now = clock.instant();
        if (Duration.between(lastLine, now).compareTo(INTERVAL) < 0) {
            unlogged++;
            return;
        }
        log.warn("rspamd unavailable: {}; {} ({} more failures since the last such line)", reason, outcome,
                unlogged);
        lastLine = now;
        unlogged = 0;
    }
}
