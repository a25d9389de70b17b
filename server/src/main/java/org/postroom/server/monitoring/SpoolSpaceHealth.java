package org.postroom.server.monitoring;

import java.io.IOException;

import org.postroom.smtp.inbound.Spool;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while the SMTP spool's file system has at least {@code postroom.spool.min-free-space} free,
 * DOWN ("spool disk full") below it, when SMTP refuses every new transaction with 452 4.3.1: such a
 * Postroom must not get mail traffic. Part of the readiness group; the details give the directory,
 * the free space and the minimum, in bytes.
 */
public final class SpoolSpaceHealth implements HealthIndicator {

    private final Spool spool;

    public SpoolSpaceHealth(Spool spool) {
        this.spool = spool;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("directory", spool.directory().toString())
                .withDetail("minFreeBytes", spool.minFreeSpace());
        try {
            long free = spool.freeSpace();
            health.withDetail("freeBytes", free);
            if (free < spool.minFreeSpace()) {
                health.down().withDetail("condition", "spool disk full: SMTP refuses new mail with 452 4.3.1");
            }
        } catch (IOException e) {
            health.down(e);
        }
        return health.build();
    }
}
