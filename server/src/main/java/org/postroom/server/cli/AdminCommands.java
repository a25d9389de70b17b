package org.postroom.server.cli;

import org.postroom.storage.directory.AdminAccountRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Administrators of the console; {@code admin passwd} is the way back in after a lost password. */
@Command(name = "admin", description = "the administrators of the web console and the REST API")
final class AdminCommands extends Noun {

    @Command(name = "add", description = "add a console administrator")
    void add(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username,
            @Option(names = "--password-stdin", description = PasswordReader.STDIN_OPTION) boolean passwordStdin) {
        String password = newPassword(passwordStdin);
        service(AdminAccountRepository.class).create(username, password);
        println("added administrator " + username);
    }

    @Command(name = "passwd", description = "set an administrator's password")
    void passwd(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username,
            @Option(names = "--password-stdin", description = PasswordReader.STDIN_OPTION) boolean passwordStdin) {
        String password = newPassword(passwordStdin);
        service(AdminAccountRepository.class).changePassword(username, password);
        println("password of administrator " + username + " changed");
    }
}
