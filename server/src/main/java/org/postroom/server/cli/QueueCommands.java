package org.postroom.server.cli;

import java.io.PrintStream;
import java.util.Set;

import org.postroom.storage.Printable;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;
import org.springframework.context.ApplicationContext;

final class QueueCommands implements Commands {

    private static final int PAGE_SIZE = 500;

    @Override
    public String noun() {
        return "queue";
    }

    @Override
    public Set<String> verbs() {
        return Set.of("list", "retry", "delete");
    }

    @Override
    public String usage() {
        return """
                  queue list                              list outgoing mail waiting for delivery
                  queue retry <id>                        try an entry again now
                  queue delete <id>                       drop an entry without delivering it
                """;
    }

    @Override
    public void run(Invocation invocation, ApplicationContext services, PrintStream out) {
        DeliveryQueue queue = services.getBean(DeliveryQueue.class);
        switch (invocation.verb()) {
            case "list" -> list(queue, out);
            case "retry" -> {
                queue.retryNow(id(invocation));
                out.println("entry " + id(invocation) + " will be tried now");
            }
            case "delete" -> {
                queue.delete(id(invocation));
                out.println("deleted entry " + id(invocation));
            }
            default -> throw Commands.unknownVerb(invocation);
        }
    }

    private static void list(DeliveryQueue queue, PrintStream out) {
        int offset = 0;
        while (true) {
            var entries = queue.list(offset, PAGE_SIZE);
            for (QueueEntry e : entries) {
                out.printf("%8d  %-10s attempts %-3d next %s  <%s> -> <%s>%s%n", e.id(), e.state(), e.attempts(),
                        // the addresses and the remote server's reply came from outside
                        e.nextAttemptAt(), Printable.text(e.sender()), Printable.text(e.recipient()),
                        e.lastError() == null ? "" : "  last error: " + Printable.text(e.lastError()));
            }
            if (entries.size() < PAGE_SIZE) {
                return;
            }
            offset += PAGE_SIZE;
        }
    }

    private static long id(Invocation invocation) {
        String id = invocation.argument(0, "a queue entry id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new UsageException("not a queue entry id: " + id);
        }
    }
}
