package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded default: with no database configured Postroom runs its own PostgreSQL under
 * ./data, keeps the data across restarts, and recovers after being killed outright.
 */
class EmbeddedDefaultIT {

    @Test
    void startsWithNoConfigurationAndKeepsItsDataAcrossRestartsAndHardKills(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of())) {
            postroom.start();
            assertThat(workDir.resolve("data/postgres/PG_VERSION")).exists();
            assertThat(postroom.health()).contains("\"status\":\"UP\"");
            database(workDir).sql("insert into admin_account (username, password_hash) values ('marker', 'x')").update();

            // a JVM ending on SIGTERM exits with 128 + 15 once its shutdown hooks ran
            assertThat(postroom.stop()).isEqualTo(143);
            assertThat(workDir.resolve("data/postgres/postmaster.pid")).doesNotExist();

            postroom.start();
            assertThat(markers(workDir)).containsExactly("marker");

            postroom.kill();
            assertThat(workDir.resolve("data/postgres/postmaster.pid")).exists();
            postroom.start();
            assertThat(postroom.log()).contains("left behind by an earlier Postroom");
            assertThat(markers(workDir)).containsExactly("marker");
        }
    }

    @Test
    void theEmbeddedDatabaseCommitsDurably(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of())) {
            postroom.start();
            JdbcClient db = database(workDir);
            assertThat(db.sql("select current_setting('fsync')").query(String.class).single()).isEqualTo("on");
            assertThat(db.sql("select current_setting('synchronous_commit')").query(String.class).single())
                    .isEqualTo("on");
        }
    }

    /** The marker row (the bootstrap administrator, created at the first start, is left out). */
    private static List<String> markers(Path workDir) throws Exception {
        return database(workDir).sql("select username from admin_account where username = 'marker'")
                .query(String.class).list();
    }

    /** A direct connection to the embedded server, found through postmaster.pid (line 4 is the port). */
    private static JdbcClient database(Path workDir) throws Exception {
        List<String> pid = Files.readAllLines(workDir.resolve("data/postgres/postmaster.pid"), StandardCharsets.US_ASCII);
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).strip() + "/postgres";
        return JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
    }
}
