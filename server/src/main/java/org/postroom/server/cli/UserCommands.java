package org.postroom.server.cli;

import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Page;
import org.postroom.storage.directory.UserAccount;
import org.postroom.storage.directory.UserRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", description = "the users: their addresses, passwords and quotas")
final class UserCommands extends Noun {

    private static final int PAGE_SIZE = 500;

    @Command(name = "add", description = "add a user (password prompted, or read from stdin)")
    void add(@Parameters(paramLabel = "<address>", description = "the user's address") String address,
            @Option(names = "--quota", paramLabel = "<bytes>", description = "the mailbox's size limit") Long quota,
            @Option(names = "--password-stdin", description = PasswordReader.STDIN_OPTION) boolean passwordStdin) {
        String password = newPassword(passwordStdin);
        UserAccount user = service(UserRepository.class).create(address, password, quota);
        println("added " + user.address());
    }

    @Command(name = "passwd", description = "set a user's password")
    void passwd(@Parameters(paramLabel = "<address>", description = "the user's address") String address,
            @Option(names = "--password-stdin", description = PasswordReader.STDIN_OPTION) boolean passwordStdin) {
        String password = newPassword(passwordStdin);
        service(UserRepository.class).changePassword(address, password);
        println("password of " + address + " changed");
    }

    @Command(name = "list", description = "list users")
    void list(@Option(names = "--domain", paramLabel = "<name>", description = "only this domain's") String domain,
            @Option(names = "--query", paramLabel = "<text>", description = "only addresses containing it") String query) {
        UserRepository users = service(UserRepository.class);
        Page<UserAccount> page;
        int number = 0;
        do {
            page = users.search(blankToNull(domain), blankToNull(query), number++, PAGE_SIZE);
            for (UserAccount user : page.items()) {
                printf("%-50s %-8s %8d messages %14d bytes  quota %s%n", user.address(),
                        user.enabled() ? "enabled" : "disabled", user.messageCount(), user.usedBytes(),
                        user.quotaBytes() == null ? "none" : user.quotaBytes() + " bytes");
            }
        } while (number < page.pageCount());
    }

    @Command(name = "enable", description = "let a user log in and receive mail again")
    void enable(@Parameters(paramLabel = "<address>", description = "the user's address") String address) {
        service(UserRepository.class).setEnabled(address, true);
        println(address + " enabled");
    }

    @Command(name = "disable", description = "stop a user's logins and mail, keeping the mailbox")
    void disable(@Parameters(paramLabel = "<address>", description = "the user's address") String address) {
        service(UserRepository.class).setEnabled(address, false);
        println(address + " disabled");
    }

    @Command(name = "digest", description = "show, or turn on or off, a user's daily quarantine digest")
    void digest(@Parameters(index = "0", paramLabel = "<address>", description = "the user's address") String address,
            @Parameters(index = "1", arity = "0..1", paramLabel = "on|off",
                    description = "on: they get it (when their domain sends it); off: they do not") String setting) {
        Boolean on = onOrOff(setting, "user digest");
        UserRepository users = service(UserRepository.class);
        if (on != null) {
            users.setQuarantineDigest(address, on);
        }
        UserAccount user = users.find(address).orElseThrow(() -> new NotFoundException("no user " + address));
        println("quarantine digest for " + user.address() + ": " + (user.quarantineDigest() ? "on" : "off"));
    }

    @Command(name = "delete", description = "delete a user and their mail")
    void delete(@Parameters(paramLabel = "<address>", description = "the user's address") String address) {
        service(UserRepository.class).delete(address);
        println("deleted " + address);
    }
}
