package org.postroom.server.wiring;

import java.time.Clock;
import java.time.Duration;

import org.postroom.storage.greylist.Greylist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets greylist triplets that no longer count (first attempts never retried in time, passes
 * past {@code postroom.antispam.greylisting.pass-lifetime}) every {@code interval}, at the time of
 * {@code clock}, the one greylisting decides by.
 */
final class GreylistExpiry extends ExpiryTimer {

    private static final Logger log = LoggerFactory.getLogger(GreylistExpiry.class);

    private final Greylist greylist;
    private final Clock clock;

    GreylistExpiry(Greylist greylist, Clock clock, Duration interval) {
        super("greylist", interval);
        this.greylist = greylist;
        this.clock = clock;
    }

    @Override
    void expire() {
        int forgotten = greylist.expire(clock.instant());
        if (forgotten > 0) {
            log.info("greylist: {} triplets forgotten (not retried in time, or passed too long ago)", forgotten);
        }
    }
}
