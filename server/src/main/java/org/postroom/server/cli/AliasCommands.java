package org.postroom.server.cli;

import java.util.List;

import org.postroom.storage.directory.Alias;
import org.postroom.storage.directory.AliasRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "alias", description = "addresses that forward to users or elsewhere; @domain is the catch-all")
final class AliasCommands extends Noun {

    @Command(name = "add", description = "add an alias (@domain is the catch-all)")
    void add(@Parameters(index = "0", paramLabel = "<address>", description = "the alias") String address,
            @Parameters(index = "1..*", arity = "1..*", paramLabel = "<target>", description = "where its mail goes")
            List<String> targets) {
        Alias alias = service(AliasRepository.class).create(address, targets);
        println("added " + alias.address() + " -> " + String.join(", ", alias.targets()));
    }

    @Command(name = "list", description = "list aliases")
    void list(@Option(names = "--domain", paramLabel = "<name>", description = "only this domain's") String domain) {
        service(AliasRepository.class).list(blankToNull(domain))
                .forEach(a -> println(a.address() + " -> " + String.join(", ", a.targets())));
    }

    @Command(name = "delete", description = "delete an alias")
    void delete(@Parameters(paramLabel = "<address>", description = "the alias") String address) {
        service(AliasRepository.class).delete(address);
        println("deleted " + address);
    }
}
