package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.Database;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MailboxEntry;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.Recipient;
import org.postroom.storage.message.MessageOrigin;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The backup procedure of the README: pg_dump in custom format, pg_restore into a fresh database,
 * and every user, password and message is back, byte for byte.
 *
 * <p>The dump tools are Debian's postgresql-client (`.ci/run` installs it); pg_dump refuses a
 * server newer than itself, so this test runs a PostgreSQL 15 server from Maven artifacts.
 */
class BackupRestoreIT {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void aDumpRestoredIntoAFreshDatabaseHoldsAllTheMail(@TempDir Path workDir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, architecture) -> postgres15Archive())
                .setDataDirectory(workDir.resolve("pg15")).start()) {
            Database original = migrated(postgres, "original");
            List<byte[]> sent = deliverMail(original);

            Path dump = workDir.resolve("postroom.dump");
            run(workDir, "pg_dump", "-Fc", "-h", "127.0.0.1", "-p", port(postgres), "-U", "postgres", "-d", "original",
                    "-f", dump.toString());
            sql(postgres, "create database restored");
            run(workDir, "pg_restore", "-h", "127.0.0.1", "-p", port(postgres), "-U", "postgres", "-d", "restored",
                    "--no-owner", dump.toString());

            Database restored = new Database(new DriverManagerDataSource(
                    postgres.getJdbcUrl("postgres", "restored"), "postgres", ""));
            assertThat(inbox(restored, "alice@example.com")).containsExactlyElementsOf(sent);
            assertThat(inbox(restored, "bob@example.com")).containsExactlyElementsOf(sent);
            assertThat(new Authenticator(restored).verify("alice@example.com", PASSWORD)).isPresent();
            // Flyway sees the restored schema as current, so the next start migrates nothing twice
            assertThat(Flyway.configure().dataSource(postgres.getJdbcUrl("postgres", "restored"), "postgres", null)
                    .load().info().pending()).isEmpty();
        }
    }

    private static Database migrated(EmbeddedPostgres postgres, String name) throws Exception {
        sql(postgres, "create database " + name);
        String url = postgres.getJdbcUrl("postgres", name);
        Flyway.configure().dataSource(url, "postgres", null).load().migrate();
        return new Database(new DriverManagerDataSource(url, "postgres", ""));
    }

    private static List<byte[]> deliverMail(Database db) throws IOException {
        new DomainRepository(db, "postroom").create("example.com");
        UserRepository users = new UserRepository(db);
        users.create("alice@example.com", PASSWORD, null);
        users.create("bob@example.com", PASSWORD, null);
        MailDirectory directory = new MailDirectory(db);
        List<Recipient> recipients = List.of(
                Recipient.resolved("alice@example.com", (Deliverable) directory.resolve("alice@example.com")),
                Recipient.resolved("bob@example.com", (Deliverable) directory.resolve("bob@example.com")));
        byte[] attachment = new byte[MailStore.CHUNK_SIZE * 2 + 100];
        new Random(3).nextBytes(attachment);
        List<byte[]> sent = List.of(
                "Subject: first\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII),
                "Subject: =?UTF-8?Q?gr=C3=BC=C3=9Fe?=\r\n\r\nGrüße aus Köln\r\n".getBytes(StandardCharsets.UTF_8),
                attachment);
        MailStore store = new MailStore(db);
        for (byte[] message : sent) {
            store.deliver("sender@elsewhere.example", MessageOrigin.RECEIVED,
                    recipients, new ByteArrayInputStream(message));
        }
        return sent;
    }

    private static List<byte[]> inbox(Database db, String address) throws IOException {
        long inbox = ((Deliverable) new MailDirectory(db).resolve(address)).mailboxes().iterator().next().mailboxId();
        Mailboxes mailboxes = new Mailboxes(db);
        List<byte[]> messages = new ArrayList<>();
        for (MailboxEntry entry : mailboxes.entries(inbox)) {
            try (InputStream in = mailboxes.content(entry)) {
                messages.add(in.readAllBytes());
            }
        }
        return messages;
    }

    private static InputStream postgres15Archive() throws IOException {
        ZipFile jar = new ZipFile(System.getProperty("postgres15.binaries"));
        return jar.getInputStream(jar.getEntry("postgres-linux-x86_64.txz"));
    }

    private static String port(EmbeddedPostgres postgres) {
        return Integer.toString(postgres.getPort());
    }

    private static void sql(EmbeddedPostgres postgres, String statement) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static void run(Path workDir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(command[0] + ": " + output).isZero();
        assertThat(Files.exists(workDir)).isTrue();
    }
}
