package org.postroom.server.wiring;

import java.time.Duration;

import org.postroom.storage.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes audit entries older than {@code postroom.audit.retention}, every {@code interval}. */
final class AuditExpiry extends ExpiryTimer {

    private static final Logger log = LoggerFactory.getLogger(AuditExpiry.class);

    private final AuditLog audit;
    private final Duration retention;

    AuditExpiry(AuditLog audit, Duration retention, Duration interval) {
        super("audit", interval);
        this.audit = audit;
        this.retention = retention;
    }

    @Override
    void expire() {
        int purged = audit.purge(retention);
        if (purged > 0) {
            log.info("audit: {} entries older than {} deleted", purged, retention);
        }
    }
}
