package org.postroom.admin.limits;

import java.security.Principal;
import java.time.Clock;

import org.postroom.storage.Printable;
import org.postroom.storage.limits.Suspensions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An administrator lifts a user's suspended sending, from the console or the API: recorded, and one INFO line. */
final class Lifts {

    private static final Logger log = LoggerFactory.getLogger(Lifts.class);

    private Lifts() {
    }

    static void lift(Suspensions suspensions, String address, Principal administrator, Clock clock) {
        suspensions.lift(address, administrator.getName(), clock.instant());
        log.info("sending of <{}> no longer suspended: lifted by {}", Printable.of(address),
                Printable.of(administrator.getName()));
    }
}
