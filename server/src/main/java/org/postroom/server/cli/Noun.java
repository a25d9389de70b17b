package org.postroom.server.cli;

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

    /** An option given as {@code --domain=} means the same as none. */
    static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
