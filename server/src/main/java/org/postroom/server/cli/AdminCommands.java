package org.postroom.server.cli;

import java.util.List;

import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Administrator;
import org.postroom.storage.directory.AdministratorScope;
import org.postroom.storage.twofactor.SecondFactorOwner;
import org.postroom.storage.twofactor.SecondFactors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Administrators of the console: server administrators, or domain administrators of the domains
 * given with {@code --domain}. {@code admin passwd} is the way back in after a lost password,
 * {@code admin two-factor-reset} after a lost authenticator.
 */
@Command(name = "admin", description = "the administrators of the web console and the REST API")
final class AdminCommands extends Noun {

    @Command(name = "add", description = "add a console administrator (with --domain: of those domains only)")
    void add(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username,
            @Option(names = "--domain", paramLabel = "<name>", description = "a domain they administer (repeatable);"
                    + " without any, a server administrator") List<String> domains,
            @Option(names = "--password-stdin", description = PasswordReader.STDIN_OPTION) boolean passwordStdin) {
        String password = newPassword(passwordStdin);
        AdministratorScope scope = scope(domains);
        service(AdminAccountRepository.class).create(username, password, scope);
        println("added " + username + ", " + describe(scope));
    }

    @Command(name = "passwd", description = "set an administrator's password")
    void passwd(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username,
            @Option(names = "--password-stdin", description = PasswordReader.STDIN_OPTION) boolean passwordStdin) {
        String password = newPassword(passwordStdin);
        service(AdminAccountRepository.class).changePassword(username, password);
        println("password of administrator " + username + " changed");
    }

    @Command(name = "list", description = "list the administrators with their domains")
    void list() {
        for (Administrator admin : service(AdminAccountRepository.class).list()) {
            printf("%-32s %s%s%n", admin.username(), describe(admin.scope()),
                    admin.twoFactorEnrolled() ? "  two-factor" : "");
        }
    }

    @Command(name = "role", description = "make an administrator a server administrator, or of these domains only")
    void role(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username,
            @Option(names = "--server", description = "everything, other administrators included") boolean server,
            @Option(names = "--domain", paramLabel = "<name>", description = "a domain they administer (repeatable)")
            List<String> domains) {
        if (server == (domains != null && !domains.isEmpty())) {
            throw new UsageException("admin role takes --server or at least one --domain");
        }
        AdministratorScope scope = scope(domains);
        service(AdminAccountRepository.class).changeScope(username, scope);
        println(username + " is now " + describe(scope));
    }

    @Command(name = "two-factor-reset", description = "remove an administrator's second factor (a lost authenticator)")
    void resetTwoFactor(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username) {
        if (service(AdminAccountRepository.class).find(username).isEmpty()) {
            throw new NotFoundException("no administrator " + username);
        }
        service(SecondFactors.class).remove(SecondFactorOwner.admin(username));
        println("second factor of administrator " + username + " removed");
    }

    @Command(name = "delete", description = "delete an administrator (never the last server administrator)")
    void delete(@Parameters(paramLabel = "<username>", description = "the administrator's login") String username) {
        service(AdminAccountRepository.class).delete(username);
        println("deleted administrator " + username);
    }

    private static AdministratorScope scope(List<String> domains) {
        return domains == null || domains.isEmpty() ? AdministratorScope.serverAdministrator()
                : AdministratorScope.domainAdministrator(domains);
    }

    private static String describe(AdministratorScope scope) {
        return scope.server() ? "server administrator" : "administrator of " + String.join(", ", scope.domains());
    }
}
