package org.postroom.server.cli;

import java.io.PrintStream;
import java.util.Set;

import org.postroom.storage.directory.Page;
import org.postroom.storage.directory.UserAccount;
import org.postroom.storage.directory.UserRepository;
import org.springframework.context.ApplicationContext;

final class UserCommands implements Commands {

    private static final int PAGE_SIZE = 500;

    private final PasswordReader passwords;

    UserCommands(PasswordReader passwords) {
        this.passwords = passwords;
    }

    @Override
    public String noun() {
        return "user";
    }

    @Override
    public Set<String> verbs() {
        return Set.of("add", "passwd", "list", "enable", "disable", "delete");
    }

    @Override
    public String usage() {
        return """
                  user add <address> [--quota=<bytes>] [--password-stdin]
                                                          add a user (password prompted, or read from stdin)
                  user passwd <address> [--password-stdin]
                                                          set a user's password
                  user list [--domain=<name>] [--query=<text>]
                                                          list users
                  user enable <address> | user disable <address>
                  user delete <address>                   delete a user and their mail
                """;
    }

    @Override
    public void run(Invocation invocation, ApplicationContext services, PrintStream out) {
        UserRepository users = services.getBean(UserRepository.class);
        switch (invocation.verb()) {
            case "add" -> {
                String address = invocation.argument(0, "an address");
                UserAccount user = users.create(address, passwords.read(invocation), quota(invocation));
                out.println("added " + user.address());
            }
            case "passwd" -> {
                String address = invocation.argument(0, "an address");
                users.changePassword(address, passwords.read(invocation));
                out.println("password of " + address + " changed");
            }
            case "list" -> list(users, invocation, out);
            case "enable", "disable" -> {
                String address = invocation.argument(0, "an address");
                users.setEnabled(address, invocation.verb().equals("enable"));
                out.println(address + " " + invocation.verb() + "d");
            }
            case "delete" -> {
                String address = invocation.argument(0, "an address");
                users.delete(address);
                out.println("deleted " + address);
            }
            default -> throw Commands.unknownVerb(invocation);
        }
    }

    private static void list(UserRepository users, Invocation invocation, PrintStream out) {
        String domain = invocation.option("domain").orElse(null);
        String query = invocation.option("query").orElse(null);
        Page<UserAccount> page;
        int number = 0;
        do {
            page = users.search(domain, query, number++, PAGE_SIZE);
            for (UserAccount user : page.items()) {
                out.printf("%-50s %-8s %8d messages %14d bytes  quota %s%n", user.address(),
                        user.enabled() ? "enabled" : "disabled", user.messageCount(), user.usedBytes(),
                        user.quotaBytes() == null ? "none" : user.quotaBytes() + " bytes");
            }
        } while (number < page.pageCount());
    }

    private static Long quota(Invocation invocation) {
        try {
            return invocation.option("quota").map(Long::valueOf).orElse(null);
        } catch (NumberFormatException e) {
            throw new UsageException("--quota takes a number of bytes");
        }
    }
}
