package org.postroom.server.cli;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code help}, {@code help user}, {@code help user add}: the same text as {@code --help} after the
 * command. (Picocli's own help command declares its own {@code -h}, which clashes with the one every
 * command inherits.)
 */
@Command(name = "help", description = "this text, or a command's: help user add")
final class HelpCommand implements Runnable {

    @ParentCommand
    PostroomCommand cli;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<command>", arity = "0..*", description = "a command, e.g. user add")
    List<String> command = new ArrayList<>();

    @Override
    public void run() {
        CommandLine target = spec.parent().commandLine();
        for (String word : command) {
            target = target.getSubcommands().get(word);
            if (target == null) {
                throw new ParameterException(spec.commandLine(), "unknown command: " + String.join(" ", command));
            }
        }
        target.usage(cli.out());
    }
}
