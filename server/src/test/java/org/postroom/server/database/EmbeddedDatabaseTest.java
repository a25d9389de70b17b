package org.postroom.server.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.testing.ExpectedErrors;
import org.postroom.testing.LogCapture;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL lets nobody in without its password: a local process trying the
 * superuser over TCP is refused, every rule of pg_hba.conf (the Unix socket's too) asks for the
 * password, also on a data directory that an older Postroom initialised with zonky's {@code trust}.
 */
class EmbeddedDatabaseTest {

    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void aNewDatabaseTakesNoConnectionWithoutItsPassword(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            JdbcClient withPassword = connect(database);
            assertThat(withPassword.sql("select 1").query(Integer.class).single()).isEqualTo(1);

            assertRefusedWithoutPassword(database);
            assertThat(withPassword.sql("select distinct auth_method from pg_hba_file_rules").query(String.class).list())
                    .containsExactly("scram-sha-256");
            Path passwordFile = dataDir.resolve("postgres").resolve(PasswordAccess.FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readString(passwordFile)).isEqualTo("*:*:*:postgres:" + database.password() + "\n");
            assertThat(database.password()).hasSize(32);
        }
    }

    @Test
    void aDatabaseMadeByAnOlderPostroomIsClosedAtItsNextStartWithItsDataKept(@TempDir Path dataDir) throws Exception {
        Path directory = dataDir.resolve("postgres");
        // as Postroom initialised it before: zonky's initdb with trust, nothing changed
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile()).start()) {
            try (Connection trusted = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"))) {
                trusted.createStatement().execute("create table kept (word text); insert into kept values ('mail')");
            }
        }

        try (EmbeddedDatabase upgraded = EmbeddedDatabase.start(dataDir)) {
            assertThat(connect(upgraded).sql("select word from kept").query(String.class).list()).containsExactly("mail");
            assertRefusedWithoutPassword(upgraded);
        }
        // and once more: the kept password opens it, nothing is set again
        String password = PasswordAccess.read(directory).orElseThrow();
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            assertThat(again.password()).isEqualTo(password);
            assertThat(connect(again).sql("select word from kept").query(String.class).list()).containsExactly("mail");
            assertRefusedWithoutPassword(again);
        }
    }

    @Test
    @ExpectedErrors(loggers = { "org.postroom.server.database.EmbeddedDatabase", "io.zonky" },
            because = "PostgreSQL ending under Postroom is an error an operator must look into (the OOM killer?)")
    void aServerThatExitsUnderPostroomIsStartedAgainOnItsPortWithItsData(@TempDir Path dataDir) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir)) {
            connect(database).sql("create table kept (word text); insert into kept values ('mail')").update();

            // as the kernel's OOM killer ends it, then as a fast shutdown (pg_ctl stop -m fast)
            List<String> signals = List.of("KILL", "INT");
            for (int stop = 0; stop < signals.size(); stop++) {
                long before = postmaster(dataDir);
                assertThat(new ProcessBuilder("kill", "-" + signals.get(stop), Long.toString(before)).start().waitFor())
                        .isZero();

                // the restart is over when its line is logged: the server may answer a little earlier
                int restarts = stop + 1;
                await().atMost(Duration.ofSeconds(90)).until(() -> restartsLogged() == restarts);
                assertThat(postmaster(dataDir)).isNotEqualTo(before);
                assertThat(connect(database).sql("select word from kept").query(String.class).list())
                        .containsExactly("mail");
            }
            assertRefusedWithoutPassword(database);
        }
    }

    private long restartsLogged() {
        return log.messages(EmbeddedDatabase.class.getName()).stream()
                .filter(message -> message.startsWith("embedded PostgreSQL running again")).count();
    }

    /** The pid of the running postmaster, from its pid file. */
    private static long postmaster(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    }

    private static JdbcClient connect(EmbeddedDatabase database) {
        return JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }

    private static void assertRefusedWithoutPassword(EmbeddedDatabase database) {
        String port = database.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
        for (String url : List.of("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres?password=")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close()).as(url)
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "a guess").close()).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }
}
