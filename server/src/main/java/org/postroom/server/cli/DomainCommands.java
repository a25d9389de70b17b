package org.postroom.server.cli;

import java.io.PrintStream;
import java.util.Set;

import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.context.ApplicationContext;

final class DomainCommands implements Commands {

    @Override
    public String noun() {
        return "domain";
    }

    @Override
    public Set<String> verbs() {
        return Set.of("add", "list", "delete");
    }

    @Override
    public String usage() {
        return """
                  domain add <name>                       add a mail domain (with its DKIM key)
                  domain list                             list the domains
                  domain delete <name> [--force]          delete a domain (--force: with its users and mail)
                """;
    }

    @Override
    public void run(Invocation invocation, ApplicationContext services, PrintStream out) {
        DomainRepository domains = services.getBean(DomainRepository.class);
        switch (invocation.verb()) {
            case "add" -> {
                Domain domain = domains.create(invocation.argument(0, "a domain name"));
                out.println("added " + domain.name());
                out.println("publish its DKIM key as TXT " + domain.dkimRecord().name() + ": "
                        + domain.dkimRecord().value());
            }
            case "list" -> domains.list().forEach(d ->
                    out.printf("%-40s %6d users %6d aliases%n", d.name(), d.userCount(), d.aliasCount()));
            case "delete" -> {
                String name = invocation.argument(0, "a domain name");
                domains.delete(name, invocation.flag("force"));
                out.println("deleted " + name);
            }
            default -> throw Commands.unknownVerb(invocation);
        }
    }
}
