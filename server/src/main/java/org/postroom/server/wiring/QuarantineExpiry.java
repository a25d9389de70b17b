package org.postroom.server.wiring;

import java.time.Duration;

import org.postroom.storage.quarantine.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes held messages older than {@code postroom.quarantine.retention}, every {@code interval}. */
final class QuarantineExpiry extends ExpiryTimer {

    private static final Logger log = LoggerFactory.getLogger(QuarantineExpiry.class);

    private final Quarantine quarantine;
    private final Duration retention;

    QuarantineExpiry(Quarantine quarantine, Duration retention, Duration interval) {
        super("quarantine", interval);
        this.quarantine = quarantine;
        this.retention = retention;
    }

    @Override
    void expire() {
        int expired = quarantine.expire(retention);
        if (expired > 0) {
            log.info("quarantine: {} held messages older than {} deleted undelivered", expired, retention);
        }
    }
}
