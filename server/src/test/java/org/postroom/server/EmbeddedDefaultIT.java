package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

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
    void theCommandLineWorksBesideARunningServerAndAlone(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of())) {
            postroom.start();
            var added = postroom.command("", "domain", "add", "cli.example");
            assertThat(added.exitCode()).as(added.output()).isZero();
            var user = postroom.command("a long enough secret\n", "user", "add", "alice@cli.example", "--password-stdin");
            assertThat(user.exitCode()).as(user.output()).isZero();
            assertThat(postroom.health()).contains("\"status\":\"UP\"");

            postroom.stop();
            var listed = postroom.command("", "user", "list");
            assertThat(listed.exitCode()).as(listed.output()).isZero();
            assertThat(listed.output()).contains("alice@cli.example");
            assertThat(postroom.command("", "domain", "frobnicate").exitCode()).isEqualTo(2);
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

    private static List<String> markers(Path workDir) throws Exception {
        return database(workDir).sql("select username from admin_account").query(String.class).list();
    }

    private static JdbcClient database(Path workDir) throws Exception {
        return JdbcClient.create(PostroomProcess.embeddedDatabase(workDir));
    }
}
