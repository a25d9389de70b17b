package org.postroom.server.cli;

import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "domain", description = "the mail domains this server takes mail for")
final class DomainCommands extends Noun {

    @Command(name = "add", description = "add a mail domain (with its DKIM key)")
    void add(@Parameters(paramLabel = "<name>", description = "the domain, e.g. example.com") String name) {
        Domain domain = service(DomainRepository.class).create(name);
        println("added " + domain.name());
        println("publish its DKIM key as TXT " + domain.dkimRecord().name() + ": " + domain.dkimRecord().value());
    }

    @Command(name = "list", description = "list the domains")
    void list() {
        service(DomainRepository.class).list()
                .forEach(d -> printf("%-40s %6d users %6d aliases%n", d.name(), d.userCount(), d.aliasCount()));
    }

    @Command(name = "delete", description = "delete a domain (--force: with its users and mail)")
    void delete(@Parameters(paramLabel = "<name>", description = "the domain") String name,
            @Option(names = "--force", description = "also delete its users, aliases and mail") boolean force) {
        service(DomainRepository.class).delete(name, force);
        println("deleted " + name);
    }
}
