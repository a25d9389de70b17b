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
            // the packaged command line answers --help without creating the database
            var help = postroom.command("", "user", "add", "--help");
            assertThat(help.exitCode()).as(help.output()).isZero();
            assertThat(help.output()).startsWith("Usage: java -jar postroom.jar user add");
            assertThat(workDir.resolve("data")).doesNotExist();

            postroom.start();
            assertThat(workDir.resolve("data/postgres/PG_VERSION")).exists();
            assertThat(postroom.health()).contains("\"status\":\"UP\"");
            // BoringSSL's native library loads from inside the packaged jar
            assertThat(postroom.log()).contains("mail listeners' TLS: BoringSSL (postroom.tls.engine=auto)");
            // zonky's defaults are for throwaway databases; the product commits durably
            JdbcClient db = database(workDir);
            assertThat(db.sql("select current_setting('fsync')").query(String.class).single()).isEqualTo("on");
            assertThat(db.sql("select current_setting('synchronous_commit')").query(String.class).single())
                    .isEqualTo("on");
            // the README's backup access: libpq with the password file; without it, no way in
            assertThat(psql(workDir, true)).isZero();
            assertThat(psql(workDir, false)).isNotZero();

            // the command line shares the running server's embedded database
            var added = postroom.command("", "domain", "add", "cli.example");
            assertThat(added.exitCode()).as(added.output()).isZero();
            var user = postroom.command("a long enough secret\n", "user", "add", "alice@cli.example", "--password-stdin");
            assertThat(user.exitCode()).as(user.output()).isZero();
            assertThat(postroom.health()).contains("\"status\":\"UP\"");

            // a JVM ending on SIGTERM exits with 128 + 15 once its shutdown hooks ran
            assertThat(postroom.stop()).isEqualTo(143);
            assertThat(workDir.resolve("data/postgres/postmaster.pid")).doesNotExist();

            // ... and starts the embedded database itself when no server runs
            var listed = postroom.command("", "user", "list");
            assertThat(listed.exitCode()).as(listed.output()).isZero();
            assertThat(listed.output()).contains("alice@cli.example");

            postroom.start();
            assertThat(users(workDir)).containsExactly("alice");

            postroom.kill();
            assertThat(workDir.resolve("data/postgres/postmaster.pid")).exists();
            postroom.start();
            assertThat(postroom.log()).contains("left behind by an earlier Postroom");
            assertThat(users(workDir)).containsExactly("alice");
        }
    }

    @Test
    void aWrongCommandLineExitsWithTwoBeforeTouchingTheDatabase(@TempDir Path workDir) throws Exception {
        try (PostroomProcess postroom = new PostroomProcess(workDir, Map.of())) {
            var wrong = postroom.command("", "domain", "frobnicate");
            assertThat(wrong.exitCode()).isEqualTo(2);
            assertThat(wrong.output()).contains("unknown command: domain frobnicate").contains("Usage:");
            assertThat(workDir.resolve("data")).doesNotExist();
        }
    }

    /** psql as the README runs pg_dump: {@code PGPASSFILE=data/postgres/postroom.pgpass ... -h 127.0.0.1 -p <port> -U postgres}. */
    private static int psql(Path workDir, boolean withPasswordFile) throws Exception {
        ProcessBuilder psql = new ProcessBuilder("psql", "-w", "-h", "127.0.0.1", "-p",
                PostroomProcess.embeddedDatabasePort(workDir), "-U", "postgres", "-d", "postgres", "-c", "select 1")
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        psql.environment().remove("PGPASSWORD");
        psql.environment().put("PGPASSFILE", withPasswordFile ? PostroomProcess.EMBEDDED_PASSWORD_FILE : "/dev/null");
        return psql.start().waitFor();
    }

    private static List<String> users(Path workDir) throws Exception {
        return database(workDir).sql("select local_part from mail_user").query(String.class).list();
    }

    private static JdbcClient database(Path workDir) throws Exception {
        return JdbcClient.create(PostroomProcess.embeddedDatabase(workDir));
    }
}
