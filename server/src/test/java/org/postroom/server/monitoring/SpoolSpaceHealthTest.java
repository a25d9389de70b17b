package org.postroom.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.smtp.inbound.Spool;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The spool's health against the real free space of the file system under a temporary directory. */
class SpoolSpaceHealthTest {

    @TempDir
    Path directory;

    @Test
    void upWhileTheSpoolHasItsMinimumFree() {
        Health health = new SpoolSpaceHealth(new Spool(directory, 1)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("minFreeBytes", 1L).containsKey("freeBytes")
                .doesNotContainKey("condition");
    }

    @Test
    void downAndSaysTheSpoolDiskIsFullBelowIt() {
        Health health = new SpoolSpaceHealth(new Spool(directory, Long.MAX_VALUE)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("directory", directory.toString())
                .hasEntrySatisfying("condition", condition -> assertThat(condition.toString())
                        .startsWith("spool disk full").contains("452 4.3.1"));
    }
}
