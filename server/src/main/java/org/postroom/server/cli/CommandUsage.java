package org.postroom.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The usage texts. Picocli writes each command's own; the top level lists every command with its
 * arguments (not only the groups), so that one {@code --help} shows all a script can do.
 */
final class CommandUsage {

    private static final int DESCRIPTION_COLUMN = 42;

    private CommandUsage() {
    }

    /** The top-level help options, which ask for the command line rather than for the server. */
    static boolean isHelp(String arg) {
        return arg.equals("-h") || arg.equals("--help");
    }

    /** Plain text (the usage never steers the terminal), and the full list of commands at the top. */
    static void configure(CommandLine cli) {
        cli.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> commandList(cli.getCommandSpec()));
    }

    /** {@code user add}: the command as typed after the jar. */
    static String path(CommandSpec command) {
        return command.qualifiedName(" ").substring(command.root().name().length()).strip();
    }

    private static String commandList(CommandSpec root) {
        StringBuilder list = new StringBuilder();
        for (CommandLine group : root.subcommands().values()) {
            if (group.getSubcommands().isEmpty()) {
                line(list, group.getCommandSpec());
            }
            group.getSubcommands().values().forEach(command -> line(list, command.getCommandSpec()));
        }
        return list.toString();
    }

    private static void line(StringBuilder list, CommandSpec command) {
        String synopsis = "  " + synopsis(command);
        String description = String.join(" ", command.usageMessage().description());
        if (synopsis.length() < DESCRIPTION_COLUMN - 1) {
            list.append(String.format("%-" + DESCRIPTION_COLUMN + "s%s%n", synopsis, description));
        } else {
            list.append(synopsis).append(System.lineSeparator())
                    .append(" ".repeat(DESCRIPTION_COLUMN)).append(description).append(System.lineSeparator());
        }
    }

    /** {@code user add <address> [--quota=<bytes>] [--password-stdin]} */
    private static String synopsis(CommandSpec command) {
        StringBuilder synopsis = new StringBuilder(path(command));
        for (PositionalParamSpec parameter : command.positionalParameters()) {
            String label = parameter.paramLabel() + (parameter.arity().max() > 1 ? "..." : "");
            synopsis.append(' ').append(parameter.arity().min() == 0 ? "[" + label + "]" : label);
        }
        for (OptionSpec option : command.options()) {
            if (!option.usageHelp()) {
                synopsis.append(" [").append(option.longestName())
                        .append(option.arity().max() > 0 ? "=" + option.paramLabel() : "").append(']');
            }
        }
        return synopsis.toString();
    }
}
