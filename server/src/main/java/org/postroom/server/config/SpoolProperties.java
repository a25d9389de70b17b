package org.postroom.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP spool, {@code <data-dir>/spool}, where messages too large for memory wait between DATA
 * and their commit.
 *
 * @param minFreeSpace while the spool's file system has less free space than this, SMTP takes no
 *        new transaction: MAIL and DATA are answered 452 4.3.1 before a byte of a message is taken
 *        (Postfix's {@code queue_minfree}), and the health check {@code spoolSpace} is DOWN. It
 *        keeps room for the messages in flight and, on the same disk, for the embedded database.
 *        {@code 0} turns the check off (a message that finds no room is still refused with 452
 *        4.3.1 at the end of its data).
 */
@ConfigurationProperties("postroom.spool")
@Validated
public record SpoolProperties(@DefaultValue("64MB") DataSize minFreeSpace) {

    public SpoolProperties {
        // Bean Validation has no constraint for a DataSize
        if (minFreeSpace.isNegative()) {
            throw new IllegalArgumentException("postroom.spool.min-free-space must be 0 or more, not " + minFreeSpace);
        }
    }
}
