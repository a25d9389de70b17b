package org.postroom.pop3;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.Maildrop.Message;
import org.postroom.pop3.maildrop.Maildrop.Selection;
import org.postroom.pop3.reply.Replies;

/**
 * A command on one message: {@code msg} is a message number of this session (RFC 1939 §5), and
 * some commands take a further number (TOP's line count). Malformed arguments get the usage, a
 * number that never existed and a message marked for deletion each get their own -ERR.
 */
abstract class MessageCommand extends Pop3Command {

    /** Nine digits keep every number an int; no real maildrop or TOP count needs more. */
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern SPACES = Pattern.compile(" +");

    private final int numbers;
    private final Response usage;

    MessageCommand(String name, String usage, int numbers) {
        super(name);
        this.numbers = numbers;
        this.usage = Replies.usage(usage);
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        Optional<List<Integer>> arguments = parse(request.getArgument());
        if (arguments.isEmpty()) {
            return usage;
        }
        int number = arguments.get().get(0);
        Selection selection = maildrop(session).select(number);
        if (selection instanceof Selection.Found found) {
            return onMessage(session, found.message(), arguments.get());
        }
        if (selection instanceof Selection.Deleted) {
            return Replies.markedDeleted(number);
        }
        return Replies.noSuchMessage(number);
    }

    /** The reply for a message that exists and is not marked for deletion. */
    abstract Response onMessage(POP3Session session, Message message, List<Integer> arguments);

    private Optional<List<Integer>> parse(String argument) {
        if (argument == null) {
            return Optional.empty();
        }
        String[] words = SPACES.split(argument.strip());
        if (words.length != numbers) {
            return Optional.empty();
        }
        List<Integer> values = new ArrayList<>();
        for (String word : words) {
            if (!NUMBER.matcher(word).matches()) {
                return Optional.empty();
            }
            values.add(Integer.parseInt(word));
        }
        return Optional.of(values);
    }
}
