package org.postroom.server.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command line's one list of commands, and what every command uses: the storage services
 * (started at the first use, so that a wrong command line or a {@code --help} never opens the
 * database), the output, and where a new password comes from.
 */
@Command(name = "java -jar postroom.jar",
        description = "Runs one command on the configured database and exits. Without a command, starts the server.",
        subcommands = { DomainCommands.class, UserCommands.class, AliasCommands.class, SenderCommands.class,
                QueueCommands.class, AdminCommands.class, TokenCommands.class, HelpCommand.class },
        footer = { "", "The database is the one the server uses (same properties and environment;",
                "a running server's embedded database is shared). An option with a dot in its",
                "name sets such a property, e.g. --spring.datasource.url=<url>.",
                "Exit codes: 0 done, 1 refused or failed, 2 wrong usage." })
final class PostroomCommand implements Runnable {

    @Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    private final Services services;
    private final PrintWriter out;
    private final PasswordReader passwords;

    PostroomCommand(Services services, PrintWriter out, PasswordReader passwords) {
        this.services = services;
        this.out = out;
        this.passwords = passwords;
    }

    /** The names of the commands, read from the list above without building anything. */
    static List<String> names() {
        return Arrays.stream(PostroomCommand.class.getAnnotation(Command.class).subcommands())
                .map(command -> command.getAnnotation(Command.class).name()).toList();
    }

    Services services() {
        return services;
    }

    PrintWriter out() {
        return out;
    }

    PasswordReader passwords() {
        return passwords;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "which command?");
    }
}
