package org.postroom.server.cli;

import java.util.List;
import java.util.Set;

import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.audit.AuditEvent;
import org.postroom.storage.audit.AuditLog;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place where the command line's changes are written into the audit log: after every
 * command that succeeded, except those that only show something ({@code list}, {@code help},
 * {@code --help}). The
 * actor is the operating-system user who ran it (the command line has the database's credentials,
 * it has no administrator of its own); the action is noun and verb ({@code user.add}), the target
 * the first argument, the detail the command's own arguments. No command takes a secret as an
 * argument (passwords come from the terminal or standard input), and the Spring properties
 * ({@code --spring.datasource.password=…}) are not among the command's own arguments.
 */
final class CliAudit implements CommandLine.IExecutionStrategy {

    private static final Set<String> ONLY_SHOW = Set.of("list", "help");

    private final Services storage;
    private final List<String> arguments;

    CliAudit(Services storage, List<String> arguments) {
        this.storage = storage;
        this.arguments = arguments;
    }

    @Override
    public int execute(ParseResult parsed) {
        int code = new CommandLine.RunLast().execute(parsed);
        ParseResult leaf = parsed;
        boolean help = parsed.isUsageHelpRequested();
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            help |= leaf.isUsageHelpRequested();
        }
        String verb = leaf.commandSpec().name();
        if (code == PostroomCli.OK && !help && leaf != parsed && !ONLY_SHOW.contains(verb)
                && leaf.commandSpec().subcommands().isEmpty()) {
            storage.get(AuditLog.class).record(event(leaf, verb));
        }
        return code;
    }

    private AuditEvent event(ParseResult leaf, String verb) {
        String noun = leaf.commandSpec().parent() == null ? verb : leaf.commandSpec().parent().name();
        String target = leaf.matchedPositionals().isEmpty() ? null : text(leaf.matchedPositionals().get(0).getValue());
        String domain = target == null ? null : target.contains("@") ? target.substring(target.lastIndexOf('@') + 1)
                : "domain".equals(noun) ? target : null;
        return new AuditEvent(System.getProperty("user.name", "operator"), AuditChannel.CLI, null, noun + "." + verb,
                domain == null || domain.isBlank() ? null : domain, target, "postroom " + String.join(" ", arguments));
    }

    /** A positional argument's value; of a repeatable one, the first. */
    private static String text(Object value) {
        Object first = value instanceof List<?> values && !values.isEmpty() ? values.get(0) : value;
        return first == null ? null : first.toString();
    }
}
