package org.postroom.server.cli;

import java.io.PrintStream;
import java.util.Set;

import org.postroom.storage.directory.Alias;
import org.postroom.storage.directory.AliasRepository;
import org.springframework.context.ApplicationContext;

final class AliasCommands implements Commands {

    @Override
    public String noun() {
        return "alias";
    }

    @Override
    public Set<String> verbs() {
        return Set.of("add", "list", "delete");
    }

    @Override
    public String usage() {
        return """
                  alias add <address> <target>...         add an alias (@domain is the catch-all)
                  alias list [--domain=<name>]            list aliases
                  alias delete <address>                  delete an alias
                """;
    }

    @Override
    public void run(Invocation invocation, ApplicationContext services, PrintStream out) {
        AliasRepository aliases = services.getBean(AliasRepository.class);
        switch (invocation.verb()) {
            case "add" -> {
                String address = invocation.argument(0, "an address");
                invocation.argument(1, "at least one target");
                Alias alias = aliases.create(address, invocation.arguments().subList(1, invocation.arguments().size()));
                out.println("added " + alias.address() + " -> " + String.join(", ", alias.targets()));
            }
            case "list" -> aliases.list(invocation.option("domain").orElse(null))
                    .forEach(a -> out.println(a.address() + " -> " + String.join(", ", a.targets())));
            case "delete" -> {
                String address = invocation.argument(0, "an address");
                aliases.delete(address);
                out.println("deleted " + address);
            }
            default -> throw Commands.unknownVerb(invocation);
        }
    }
}
