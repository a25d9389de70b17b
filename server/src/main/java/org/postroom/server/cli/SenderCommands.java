package org.postroom.server.cli;

import org.postroom.storage.senders.SenderAction;
import org.postroom.storage.senders.SenderList;
import org.postroom.storage.senders.SenderListChange;
import org.postroom.storage.senders.SenderLists;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The allow and block lists of senders: {@code <owner>} is a domain (its list, for every recipient
 * there) or a user's address (their own list, read first).
 */
@Command(name = "senders", description = "allow and block lists of senders, of a domain or of a user")
final class SenderCommands extends Noun {

    private static final String OWNER = "a domain (example.com) or a user (alice@example.com)";
    private static final String ENTRY = "an address, @domain, an IP address or a network (192.0.2.0/24)";

    @Command(name = "list", description = "list a domain's or a user's sender list")
    void list(@Parameters(paramLabel = "<owner>", description = OWNER) String owner) {
        service(SenderLists.class).list(listOf(owner))
                .forEach(rule -> printf("%-6s %-45s added %s%n", rule.action().word(), rule.entry(), rule.createdAt()));
    }

    @Command(name = "block", description = "refuse mail from a sender (550 5.7.1 at RCPT)")
    void block(@Parameters(index = "0", paramLabel = "<owner>", description = OWNER) String owner,
            @Parameters(index = "1", paramLabel = "<entry>", description = ENTRY) String entry) {
        put(owner, entry, SenderAction.BLOCK);
    }

    @Command(name = "allow", description = "spare a sender the DNS blocklists and the DMARC quarantine")
    void allow(@Parameters(index = "0", paramLabel = "<owner>", description = OWNER) String owner,
            @Parameters(index = "1", paramLabel = "<entry>", description = ENTRY) String entry) {
        put(owner, entry, SenderAction.ALLOW);
    }

    @Command(name = "remove", description = "take an entry off a sender list")
    void remove(@Parameters(index = "0", paramLabel = "<owner>", description = OWNER) String owner,
            @Parameters(index = "1", paramLabel = "<entry>", description = ENTRY) String entry) {
        service(SenderLists.class).remove(listOf(owner), entry);
        println("removed " + entry.strip() + " from the sender list of " + owner);
    }

    private void put(String owner, String entry, SenderAction action) {
        SenderListChange change = service(SenderLists.class).put(listOf(owner), entry, action);
        println((change.created() ? "added " : "changed ") + action.word() + " " + change.rule().entry()
                + " on the sender list of " + owner);
    }

    /** A user's list when {@code owner} is an address, else the domain's. */
    private static SenderList listOf(String owner) {
        return owner.contains("@") ? SenderList.ofUser(owner) : SenderList.ofDomain(owner);
    }
}
