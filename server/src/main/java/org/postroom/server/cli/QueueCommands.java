package org.postroom.server.cli;

import java.util.List;

import org.postroom.storage.Printable;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "queue", description = "outgoing mail waiting for delivery")
final class QueueCommands extends Noun {

    private static final int PAGE_SIZE = 500;

    @Command(name = "list", description = "list outgoing mail waiting for delivery")
    void list() {
        DeliveryQueue queue = service(DeliveryQueue.class);
        int offset = 0;
        List<QueueEntry> entries;
        do {
            entries = queue.list(offset, PAGE_SIZE);
            for (QueueEntry e : entries) {
                printf("%8d  %-10s attempts %-3d next %s  <%s> -> <%s>%s%n", e.id(), e.state(), e.attempts(),
                        // the addresses and the remote server's reply came from outside
                        e.nextAttemptAt(), Printable.text(e.sender()), Printable.text(e.recipient()),
                        e.lastError() == null ? "" : "  last error: " + Printable.text(e.lastError()));
            }
            offset += PAGE_SIZE;
        } while (entries.size() == PAGE_SIZE);
    }

    @Command(name = "retry", description = "try an entry again now")
    void retry(@Parameters(paramLabel = "<id>", description = "the entry, as queue list shows it") long id) {
        service(DeliveryQueue.class).retryNow(id);
        println("entry " + id + " will be tried now");
    }

    @Command(name = "delete", description = "drop an entry without delivering it")
    void delete(@Parameters(paramLabel = "<id>", description = "the entry, as queue list shows it") long id) {
        service(DeliveryQueue.class).delete(id);
        println("deleted entry " + id);
    }
}
