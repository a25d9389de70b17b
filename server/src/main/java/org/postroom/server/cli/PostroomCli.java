package org.postroom.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.Printable;
import org.postroom.storage.StorageUnavailableException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs one command line and says how it went through the exit code. */
public final class PostroomCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final List<Commands> commands;

    public PostroomCli(InputStream in, PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        PasswordReader passwords = new PasswordReader(in);
        this.commands = List.of(new DomainCommands(), new UserCommands(passwords), new AliasCommands(),
                new QueueCommands(), new AdminCommands(passwords));
    }

    /** True when the arguments ask for a command rather than for the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && List.of("domain", "user", "alias", "queue", "admin", "help").contains(args[0]);
    }

    public int run(String[] args) {
        Invocation invocation = Invocation.parse(args);
        if (invocation.noun().equals("help")) {
            out.print(usage());
            return OK;
        }
        Optional<Commands> noun = commands.stream().filter(c -> c.noun().equals(invocation.noun())).findFirst();
        if (noun.isEmpty()) {
            return usageError("unknown command: " + invocation.noun());
        }
        if (!noun.get().verbs().contains(invocation.verb())) {
            return usageError("unknown command: " + invocation.noun() + " " + invocation.verb());
        }
        try (ConfigurableApplicationContext services = services(invocation)) {
            noun.get().run(invocation, services, out);
            return OK;
        } catch (UsageException e) {
            return usageError(e.getMessage());
        } catch (NotFoundException | ConflictException | InvalidInputException e) {
            err.println("postroom: " + Printable.text(e.getMessage()));
            return FAILED;
        } catch (StorageUnavailableException e) {
            err.println("postroom: the database failed: " + Printable.text(e.getMessage()));
            return FAILED;
        }
    }

    private static ConfigurableApplicationContext services(Invocation invocation) {
        return new SpringApplicationBuilder(CliConfiguration.class)
                .web(WebApplicationType.NONE)
                .profiles("cli")
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN")
                .run(invocation.springArguments().toArray(String[]::new));
    }

    /** Messages quote the arguments, which may hold any character a shell can pass. */
    private int usageError(String message) {
        err.println("postroom: " + Printable.text(message));
        err.print(usage());
        return USAGE;
    }

    private String usage() {
        StringBuilder usage = new StringBuilder("""
                Usage: java -jar postroom.jar                 start the server
                       java -jar postroom.jar <command>       run one command on the configured database

                Commands:
                """);
        commands.forEach(c -> usage.append(c.usage()));
        usage.append("""
                  help                                    this text

                The database is the one the server uses (same properties and environment; a running
                server's embedded database is shared). Exit codes: 0 done, 1 refused or failed, 2 wrong usage.
                """);
        return usage.toString();
    }
}
