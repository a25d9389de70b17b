package org.postroom.server.cli;

import java.io.PrintStream;
import java.util.Set;

import org.postroom.storage.directory.AdminAccountRepository;
import org.springframework.context.ApplicationContext;

/** Administrators of the console; {@code admin passwd} is the way back in after a lost password. */
final class AdminCommands implements Commands {

    private final PasswordReader passwords;

    AdminCommands(PasswordReader passwords) {
        this.passwords = passwords;
    }

    @Override
    public String noun() {
        return "admin";
    }

    @Override
    public Set<String> verbs() {
        return Set.of("add", "passwd");
    }

    @Override
    public String usage() {
        return """
                  admin add <username> [--password-stdin] add a console administrator
                  admin passwd <username> [--password-stdin]
                                                          set an administrator's password
                """;
    }

    @Override
    public void run(Invocation invocation, ApplicationContext services, PrintStream out) {
        AdminAccountRepository admins = services.getBean(AdminAccountRepository.class);
        String username = invocation.argument(0, "a username");
        switch (invocation.verb()) {
            case "add" -> {
                admins.create(username, passwords.read(invocation));
                out.println("added administrator " + username);
            }
            case "passwd" -> {
                admins.changePassword(username, passwords.read(invocation));
                out.println("password of administrator " + username + " changed");
            }
            default -> throw Commands.unknownVerb(invocation);
        }
    }
}
