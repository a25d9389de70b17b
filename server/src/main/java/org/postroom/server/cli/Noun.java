package org.postroom.server.cli;

import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A group of commands ({@code domain}, {@code user}, ...): each verb is an annotated method of the
 * subclass, run against the storage services. Storage exceptions travel up and become exit code 1.
 */
abstract class Noun implements Runnable {

    @ParentCommand
    PostroomCommand cli;

    @Spec
    CommandSpec spec;

    /** Given without a verb. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                spec.name() + " needs one of: " + String.join(", ", spec.subcommands().keySet()));
    }

    <T> T service(Class<T> type) {
        return cli.services().get(type);
    }

    void println(String line) {
        cli.out().println(line);
    }

    void printf(String format, Object... args) {
        cli.out().printf(format, args);
    }

    String newPassword(boolean fromStdin) {
        return cli.passwords().read(fromStdin);
    }

    /**
     * The {@code on} or {@code off} a command was given, in any case; null when none was given.
     *
     * @throws UsageException for anything else
     */
    static Boolean onOrOff(String value, String command) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(command + " takes on or off, not " + value);
        };
    }

    /** An option given as {@code --domain=} means the same as none. */
    static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
