package org.postroom.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.audit.AuditEntry;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.audit.AuditQuery;
import org.postgresql.ds.PGSimpleDataSource;

import picocli.CommandLine;

/** The command line against a real PostgreSQL, as a script would use it. */
class PostroomCliTest {

    private static String databaseUrl;

    private String stdout;
    private String stderr;

    @BeforeAll
    static void createDatabase() {
        databaseUrl = TestDatabase.createUrl();
    }

    @Test
    void aScriptSetsUpADomainUsersAndAnAlias() {
        assertThat(run("", "domain", "add", "Example.COM")).isZero();
        assertThat(stdout).contains("added example.com").contains("postroom._domainkey.example.com")
                .contains("v=DKIM1; k=rsa; p=");

        assertThat(run("a long enough secret\n", "user", "add", "alice@example.com", "--password-stdin",
                "--quota=1048576")).isZero();
        assertThat(stdout).contains("added alice@example.com");
        assertThat(run("another long secret\n", "user", "add", "bob@example.com", "--password-stdin")).isZero();

        assertThat(run("", "alias", "add", "sales@example.com", "alice@example.com", "bob@partner.example")).isZero();
        assertThat(stdout).contains("sales@example.com -> alice@example.com, bob@partner.example");

        assertThat(run("", "user", "list", "--domain=example.com")).isZero();
        assertThat(stdout).contains("alice@example.com").contains("quota 1048576 bytes").contains("bob@example.com");
        assertThat(run("", "alias", "list")).isZero();
        assertThat(stdout).contains("sales@example.com");
        assertThat(run("", "domain", "list")).isZero();
        assertThat(stdout).contains("example.com").contains("2 users");
        assertThat(run("", "queue", "list")).isZero();

        assertThat(run("yet another secret\n", "user", "passwd", "alice@example.com", "--password-stdin")).isZero();
        assertThat(run("", "user", "disable", "bob@example.com")).isZero();
        assertThat(run("", "user", "delete", "bob@example.com")).isZero();
        assertThat(run("", "alias", "delete", "sales@example.com")).isZero();
    }

    @Test
    void aScriptSetsThePostmasterTargetAndKeepsTheSenderLists() {
        assertThat(run("", "domain", "add", "lists.example", "--postmaster=noc@provider.example")).isZero();
        assertThat(stdout).contains("postmaster@ and abuse@ of lists.example go to noc@provider.example");
        assertThat(run("a long enough secret\n", "user", "add", "carol@lists.example", "--password-stdin")).isZero();
        assertThat(run("", "domain", "postmaster", "lists.example", "Carol@lists.example")).isZero();
        assertThat(stdout).contains("go to carol@lists.example");
        assertThat(run("", "domain", "list")).isZero();
        assertThat(stdout).contains("postmaster carol@lists.example");
        assertThat(run("", "domain", "postmaster", "lists.example", "--remove")).isZero();
        assertThat(stdout).contains("have no target");
        assertThat(run("", "domain", "postmaster", "lists.example", "nobody@lists.example")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("no user or alias");

        assertThat(run("", "senders", "block", "lists.example", "@Spam.example")).isZero();
        assertThat(stdout).contains("added block @spam.example on the sender list of lists.example");
        assertThat(run("", "senders", "allow", "carol@lists.example", "192.0.2.7")).isZero();
        assertThat(run("", "senders", "allow", "lists.example", "@spam.example")).isZero();
        assertThat(stdout).contains("changed allow @spam.example");
        assertThat(run("", "senders", "list", "lists.example")).isZero();
        assertThat(stdout).contains("allow  @spam.example").doesNotContain("192.0.2.7");
        assertThat(run("", "senders", "list", "carol@lists.example")).isZero();
        assertThat(stdout).contains("allow  192.0.2.7");
        assertThat(run("", "senders", "remove", "lists.example", "@spam.example")).isZero();
        assertThat(run("", "senders", "list", "lists.example")).isZero();
        assertThat(stdout).isEmpty();

        assertThat(run("", "senders", "block", "lists.example", "not an entry")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("not a sender address, @domain, IP address or network");
        assertThat(run("", "senders", "remove", "lists.example", "@spam.example")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("is not on the sender list");
        assertThat(run("", "senders", "list", "nowhere.example")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("no domain nowhere.example");
        assertThat(runWithoutDatabase("senders", "block", "lists.example")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("senders block needs an entry");
        assertThat(runWithoutDatabase("domain", "postmaster", "lists.example", "a@b.example", "--remove"))
                .isEqualTo(PostroomCli.USAGE);
    }

    @Test
    void aScriptTurnsTheQuarantineDigestOffForADomainOrAUser() {
        assertThat(run("", "domain", "add", "digest.example")).isZero();
        assertThat(run("a long enough secret\n", "user", "add", "dora@digest.example", "--password-stdin")).isZero();

        assertThat(run("", "domain", "digest", "digest.example")).isZero();
        assertThat(stdout).contains("quarantine digest for digest.example: on");
        assertThat(run("", "domain", "digest", "digest.example", "OFF")).isZero();
        assertThat(stdout).contains("quarantine digest for digest.example: off");
        assertThat(run("", "user", "digest", "dora@digest.example", "off")).isZero();
        assertThat(stdout).contains("quarantine digest for dora@digest.example: off");
        assertThat(run("", "user", "digest", "dora@digest.example")).isZero();
        assertThat(stdout).contains(": off");
        assertThat(run("", "user", "digest", "dora@digest.example", "on")).isZero();
        assertThat(stdout).contains(": on");

        assertThat(run("", "user", "digest", "nobody@digest.example", "on")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("no user nobody@digest.example");
        assertThat(runWithoutDatabase("domain", "digest", "digest.example", "maybe")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("domain digest takes on or off, not maybe");
    }

    @Test
    void aScriptSetsADomainsMtaStsMode() {
        assertThat(run("", "domain", "add", "sts.example")).isZero();

        assertThat(run("", "domain", "mta-sts", "sts.example")).isZero();
        assertThat(stdout).contains("MTA-STS mode of sts.example: none");
        assertThat(run("", "domain", "mta-sts", "sts.example", "Enforce")).isZero();
        assertThat(stdout).contains("MTA-STS mode of sts.example: enforce").contains("_mta-sts");
        assertThat(run("", "domain", "mta-sts", "sts.example")).isZero();
        assertThat(stdout).contains(": enforce");

        assertThat(run("", "domain", "mta-sts", "nowhere.example", "testing")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("no domain nowhere.example");
        assertThat(runWithoutDatabase("domain", "mta-sts", "sts.example", "strict")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("domain mta-sts takes none, testing or enforce, not strict");
    }

    @Test
    void refusalsExitWithOneAndSayWhy() {
        run("", "domain", "add", "refusals.example");
        assertThat(run("", "domain", "add", "refusals.example")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("exists already");
        assertThat(run("short\n", "user", "add", "x@refusals.example", "--password-stdin")).isEqualTo(1);
        assertThat(stderr).contains("at least 10 characters");
        // 68 characters, 92 bytes: more than bcrypt reads
        assertThat(run("ünïcödé pässwörd ".repeat(4) + "\n", "user", "add", "x@refusals.example", "--password-stdin"))
                .isEqualTo(1);
        assertThat(stderr).contains("password must have at most 72 bytes");
        assertThat(run("long enough secret\n", "user", "add", "x@nowhere.example", "--password-stdin")).isEqualTo(1);
        assertThat(stderr).contains("not one of this server's domains");
        assertThat(run("", "user", "delete", "ghost@refusals.example")).isEqualTo(1);
        assertThat(run("", "queue", "retry", "999999")).isEqualTo(1);
        assertThat(stderr).contains("no queue entry 999999");
    }

    @Test
    void wrongUsageExitsWithTwoAndShowsTheUsage() {
        assertThat(run("", "domain", "frobnicate")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("unknown command: domain frobnicate").contains("Usage:");
        assertThat(run("", "user", "add")).isEqualTo(2);
        assertThat(stderr).contains("user add needs an address");
        assertThat(run("", "user", "add", "x@example.com")).isEqualTo(2);
        assertThat(stderr).contains("--password-stdin");
        assertThat(run("", "user", "add", "x@example.com", "--quota=lots", "--password-stdin")).isEqualTo(2);
        assertThat(run("", "queue", "delete", "first")).isEqualTo(2);
        assertThat(new PostroomCli(empty(), print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream()))
                .run(new String[] { "help" })).isZero();
    }

    @Test
    void everyCommandAnswersHelpWithoutOpeningADatabase() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of());
        walk(new CommandLine(new PostroomCommand(null, null, null)), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(20).contains(List.of("user", "add"), List.of("queue", "retry"));

        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            long started = System.nanoTime();
            assertThat(runWithoutDatabase(args.toArray(String[]::new))).as(args + ": " + stderr).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(args.toString()).isLessThan(Duration.ofSeconds(2));
            assertThat(stdout).as(args.toString()).startsWith("Usage: java -jar postroom.jar " + String.join(" ", command));
        }
        assertThat(runWithoutDatabase("help", "user")).isZero();
        assertThat(stdout).startsWith("Usage: java -jar postroom.jar user [-h] [COMMAND]");
    }

    @Test
    void theTopLevelHelpListsEveryCommandWithItsArguments() {
        assertThat(runWithoutDatabase("help")).isZero();
        assertThat(stdout).contains("Usage: java -jar postroom.jar [-h] [COMMAND]")
                .contains("  domain add <name>", "  domain delete <name> [--force]", "  alias add <address> <target>...",
                        "  user add <address> [--quota=<bytes>] [--password-stdin]", "  queue retry <id>",
                        "  admin passwd <username> [--password-stdin]", "Exit codes: 0 done, 1 refused or failed, 2 wrong usage");
        assertThat(runWithoutDatabase("--help")).isZero();
        assertThat(stdout).contains("  user list [--domain=<name>] [--query=<text>]");
    }

    @Test
    void aWrongCommandLineIsRefusedBeforeAnyDatabaseStarts() {
        assertThat(runWithoutDatabase("domain", "frobnicate")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("unknown command: domain frobnicate").contains("Usage: java -jar postroom.jar domain");
        assertThat(runWithoutDatabase("domain")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("domain needs one of: add, delete, digest, list, mta-sts, postmaster");
        assertThat(runWithoutDatabase("user", "add")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("user add needs an address").contains("Usage: java -jar postroom.jar user add");
        assertThat(runWithoutDatabase("alias", "add", "sales@example.com")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("alias add needs at least one target");
        assertThat(runWithoutDatabase("domain", "add", "a.example", "b.example")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("'b.example'");
        assertThat(runWithoutDatabase("user", "list", "--frobnicate")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("--frobnicate");
        assertThat(runWithoutDatabase("user", "add", "x@example.com", "--quota=lots", "--password-stdin"))
                .isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("--quota").contains("lots");
        assertThat(runWithoutDatabase("queue", "delete", "first")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("first");
        // no terminal to ask and no --password-stdin: refused before the database opens
        assertThat(runWithoutDatabase("user", "add", "x@example.com")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).contains("--password-stdin");
    }

    @Test
    void anAdministratorIsAServerAdministratorOrOfTheDomainsGiven() {
        assertThat(run("", "domain", "add", "clerks.example")).isZero();
        assertThat(run("a long enough secret\n", "admin", "add", "clerk", "--domain=CLERKS.example", "--password-stdin"))
                .isZero();
        assertThat(stdout).contains("added clerk, administrator of clerks.example");
        assertThat(run("", "admin", "list")).isZero();
        assertThat(stdout).containsPattern("clerk +administrator of clerks.example");

        assertThat(run("", "admin", "role", "clerk", "--domain=nowhere.example")).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("no domain nowhere.example");
        assertThat(run("", "admin", "role", "clerk")).isEqualTo(PostroomCli.USAGE);
        assertThat(run("", "admin", "role", "clerk", "--server", "--domain=clerks.example")).isEqualTo(PostroomCli.USAGE);
        assertThat(run("", "admin", "role", "clerk", "--server")).isZero();
        assertThat(stdout).contains("clerk is now server administrator");

        assertThat(run("", "admin", "two-factor-reset", "clerk")).isZero();
        assertThat(run("", "admin", "two-factor-reset", "nobody")).isEqualTo(PostroomCli.FAILED);
        // clerk is a server administrator now: every one of them but the last can be deleted
        assertThat(run("", "admin", "list")).isZero();
        List<String> servers = stdout.lines().filter(line -> line.endsWith("server administrator")
                || line.contains("server administrator  ")).map(line -> line.split(" +")[0]).toList();
        assertThat(servers).contains("clerk");
        for (String admin : servers.subList(0, servers.size() - 1)) {
            assertThat(run("", "admin", "delete", admin)).as(stderr).isZero();
        }
        assertThat(run("", "admin", "delete", servers.get(servers.size() - 1))).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).contains("last server administrator");
    }

    @Test
    void theServerStartsUnlessTheFirstOwnArgumentIsACommand() {
        assertThat(PostroomCli.isCommand(new String[] { "user", "add", "alice@example.com" })).isTrue();
        assertThat(PostroomCli.isCommand(new String[] { "--spring.datasource.url=jdbc:postgresql:x", "user", "list" }))
                .isTrue();
        assertThat(PostroomCli.isCommand(new String[] { "--help" })).isTrue();
        assertThat(PostroomCli.isCommand(new String[] { "help" })).isTrue();
        assertThat(PostroomCli.isCommand(new String[0])).isFalse();
        assertThat(PostroomCli.isCommand(new String[] { "--server.port=8081" })).isFalse();
    }

    @Test
    void textFromTheCommandLineNeverStartsAnOutputLineOrSteersTheTerminal() {
        String forged = "2030-01-01 INFO forged: all mail deleted";

        assertThat(run("", "domain", "add", "evil.example\n" + forged)).isEqualTo(PostroomCli.FAILED);
        assertThat(stderr).doesNotContain("\n" + forged).contains("evil.example?" + forged);
        assertThat(run("", "domain", "\u001b[2Jwipe")).isEqualTo(PostroomCli.USAGE);
        assertThat(stderr).doesNotContain("\u001b").contains("unknown command: domain ?[2Jwipe");
        // an administrator's name is one word: it cannot carry a line break into the logs later
        assertThat(run("a long enough secret\n", "admin", "add", "evil\n" + forged, "--password-stdin"))
                .isEqualTo(PostroomCli.FAILED);
        assertThat(stdout + stderr).doesNotContain("\n" + forged).contains("an administrator's name is");
    }

    @Test
    void anOperatorManagesTokensAndEveryChangeIsAudited() {
        assertThat(run("", "domain", "add", "tokens.example")).isZero();
        assertThat(run("an operator's long secret\n", "admin", "add", "ops", "--domain", "tokens.example",
                "--password-stdin")).isZero();
        assertThat(run("", "token", "create", "ops", "backup", "--write", "--domain", "tokens.example", "--days", "7"))
                .isZero();
        String value = stdout.lines().findFirst().orElseThrow();
        assertThat(value).matches("prt_[a-z2-7]{32}");
        assertThat(run("", "token", "create", "ops", "elsewhere", "--domain", "other.example")).isEqualTo(PostroomCli.FAILED);
        assertThat(run("", "token", "list", "ops")).isZero();
        assertThat(stdout).contains("backup").contains(value.substring(0, 12)).doesNotContain(value)
                .contains("write tokens.example");
        long id = Long.parseLong(stdout.strip().split("\\s+")[0]);
        assertThat(run("", "token", "revoke", "ops", Long.toString(id))).isZero();
        assertThat(run("", "token", "list", "ops")).isZero();
        assertThat(stdout).contains("revoked");

        AuditLog audit = new AuditLog(new Database(dataSource()));
        List<AuditEntry> entries = audit.search(new AuditQuery(null, null, null, null, null, null), 0, 100).items();
        assertThat(entries).extracting(AuditEntry::action).contains("domain.add", "admin.add", "token.create",
                "token.revoke").doesNotContain("token.list");
        AuditEntry created = entries.stream().filter(entry -> entry.action().equals("token.create")).findFirst()
                .orElseThrow();
        assertThat(created.channel()).isEqualTo(AuditChannel.CLI);
        assertThat(created.actor()).isEqualTo(System.getProperty("user.name"));
        assertThat(created.target()).isEqualTo("ops");
        assertThat(created.detail()).contains("token create ops backup --write").doesNotContain("datasource");
        assertThat(entries.toString()).doesNotContain(value).doesNotContain("an operator's long secret");
        assertThat(entries.stream().filter(entry -> entry.action().equals("domain.add")).findFirst().orElseThrow().domain())
                .isEqualTo("tokens.example");
    }

    private DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(databaseUrl);
        return dataSource;
    }

    private int run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withDatabase = new String[args.length + 1];
        System.arraycopy(args, 0, withDatabase, 0, args.length);
        withDatabase[args.length] = "--spring.datasource.url=" + databaseUrl;
        int code = new PostroomCli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), print(out),
                print(err)).run(withDatabase);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Runs a command line with storage services that fail the test when anything asks for them. */
    private int runWithoutDatabase(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger starts = new AtomicInteger();
        int code = new PostroomCli(empty(), print(out), print(err), springArgs -> {
            starts.incrementAndGet();
            throw new IllegalStateException("a database was opened for " + List.of(args));
        }).run(args);
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(starts).as("storage services started for " + List.of(args)).hasValue(0);
        return code;
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> all) {
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            all.add(subPath);
            walk(sub, subPath, all);
        });
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }
}
