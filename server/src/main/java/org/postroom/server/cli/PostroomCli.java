package org.postroom.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.postroom.storage.ConflictException;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.Printable;
import org.postroom.storage.StorageUnavailableException;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs one command line and says how it went through the exit code. The arguments are parsed and
 * checked, and {@code --help} answered, before any Spring context or database starts.
 */
public final class PostroomCli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final PrintWriter out;
    private final PrintWriter err;
    private final PasswordReader passwords;
    private final Function<String[], ConfigurableApplicationContext> services;

    public PostroomCli(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, CliConfiguration::start);
    }

    /** @param services starts the storage services with the command line's Spring arguments */
    PostroomCli(InputStream in, PrintStream out, PrintStream err,
            Function<String[], ConfigurableApplicationContext> services) {
        this.out = new PrintWriter(out, true);
        this.err = new PrintWriter(err, true);
        this.passwords = new PasswordReader(in);
        this.services = services;
    }

    /** True when the arguments ask for a command (or for help) rather than for the server. */
    public static boolean isCommand(String[] args) {
        List<String> own = ownArguments(args);
        return !own.isEmpty() && (PostroomCommand.names().contains(own.get(0)) || CommandUsage.isHelp(own.get(0)));
    }

    public int run(String[] args) {
        String[] spring = Arrays.stream(args).filter(PostroomCli::isSpringProperty).toArray(String[]::new);
        try (Services storage = new Services(() -> services.apply(spring))) {
            List<String> own = ownArguments(args);
            CommandLine cli = new CommandLine(new PostroomCommand(storage, out, passwords))
                    .setExecutionStrategy(new CliAudit(storage, own))
                    .setOut(out)
                    .setErr(err)
                    .setParameterExceptionHandler((e, ignored) -> usageError(e.getCommandLine(), message(e)))
                    .setExecutionExceptionHandler(this::failure);
            CommandUsage.configure(cli);
            return cli.execute(own.toArray(String[]::new));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * {@code --spring.datasource.url=...}, {@code --postroom.data-dir=...}: a property for Spring, so
     * that the command line is configured exactly like the server. The commands' own options have
     * no dot in their names.
     */
    private static boolean isSpringProperty(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && (equals < 0 ? arg : arg.substring(0, equals)).indexOf('.') > 0;
    }

    private static List<String> ownArguments(String[] args) {
        List<String> own = new ArrayList<>();
        Arrays.stream(args).filter(arg -> !isSpringProperty(arg)).forEach(own::add);
        return own;
    }

    private int failure(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        if (e instanceof UsageException) {
            return usageError(command, e.getMessage());
        }
        if (e instanceof NotFoundException || e instanceof ConflictException || e instanceof InvalidInputException) {
            err.println("postroom: " + Printable.text(e.getMessage()));
            return FAILED;
        }
        if (e instanceof StorageUnavailableException) {
            err.println("postroom: the database failed: " + Printable.text(e.getMessage()));
            return FAILED;
        }
        throw e;
    }

    /** Messages quote the arguments, which may hold any character a shell can pass. */
    private int usageError(CommandLine command, String message) {
        err.println("postroom: " + Printable.text(message));
        command.usage(err);
        return USAGE;
    }

    /** Picocli's words, but for the two mistakes people make most: a wrong verb, a missing argument. */
    private static String message(ParameterException e) {
        CommandSpec command = e.getCommandLine().getCommandSpec();
        if (e instanceof UnmatchedArgumentException unmatched && !command.subcommands().isEmpty()) {
            return ("unknown command: " + CommandUsage.path(command) + " " + unmatched.getUnmatched().get(0)).strip();
        }
        if (e instanceof MissingParameterException missing) {
            return CommandUsage.path(command) + " needs " + what(missing.getMissing().get(0));
        }
        return e.getMessage();
    }

    /** {@code <address>} is "an address", {@code <target>...} "at least one target". */
    private static String what(ArgSpec argument) {
        String name = argument.paramLabel().replaceAll("[<>]", "");
        if (argument.arity().max() > 1) {
            return "at least one " + name;
        }
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
