package org.postroom.server.cli;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MtaStsMode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "domain", description = "the mail domains this server takes mail for")
final class DomainCommands extends Noun {

    @Command(name = "add", description = "add a mail domain (with its DKIM key)")
    void add(@Parameters(paramLabel = "<name>", description = "the domain, e.g. example.com") String name,
            @Option(names = "--postmaster", paramLabel = "<address>",
                    description = "who reads its postmaster@ and abuse@: a local user or alias, or an address elsewhere")
            String postmaster) {
        Domain domain = service(DomainRepository.class).create(name, blankToNull(postmaster));
        println("added " + domain.name());
        println("publish its DKIM key as TXT " + domain.dkimRecord().name() + ": " + domain.dkimRecord().value());
        printPostmaster(domain);
    }

    @Command(name = "list", description = "list the domains")
    void list() {
        service(DomainRepository.class).list().forEach(d -> printf("%-40s %6d users %6d aliases  postmaster %s%n",
                d.name(), d.userCount(), d.aliasCount(), d.postmasterTarget() == null ? "-" : d.postmasterTarget()));
    }

    @Command(name = "postmaster", description = "show or set who reads a domain's postmaster@ and abuse@")
    void postmaster(@Parameters(index = "0", paramLabel = "<name>", description = "the domain") String name,
            @Parameters(index = "1", arity = "0..1", paramLabel = "<address>",
                    description = "a local user or alias, or an address elsewhere") String address,
            @Option(names = "--remove", description = "no target: their mail goes to the catch-all, or waits in the"
                    + " quarantine") boolean remove) {
        if (remove && address != null) {
            throw new UsageException("domain postmaster takes an address or --remove, not both");
        }
        DomainRepository domains = service(DomainRepository.class);
        Domain domain = address == null && !remove
                ? domains.find(name).orElseThrow(() -> new NotFoundException("no domain " + name))
                : domains.setPostmasterTarget(name, address);
        printPostmaster(domain);
    }

    private void printPostmaster(Domain domain) {
        println(domain.postmasterTarget() == null
                ? "postmaster@ and abuse@ of " + domain.name() + " have no target: their mail goes to the catch-all,"
                        + " or waits in the quarantine (set one with: domain postmaster " + domain.name() + " <address>)"
                : "postmaster@ and abuse@ of " + domain.name() + " go to " + domain.postmasterTarget());
    }

    @Command(name = "digest", description = "show, or turn on or off, the daily quarantine digest for a domain's users")
    void digest(@Parameters(index = "0", paramLabel = "<name>", description = "the domain") String name,
            @Parameters(index = "1", arity = "0..1", paramLabel = "on|off",
                    description = "on: its users get it (unless they turned it off); off: none of them does")
            String setting) {
        Boolean on = onOrOff(setting, "domain digest");
        DomainRepository domains = service(DomainRepository.class);
        Domain domain = on == null ? domains.find(name).orElseThrow(() -> new NotFoundException("no domain " + name))
                : domains.setQuarantineDigest(name, on);
        println("quarantine digest for " + domain.name() + ": " + (domain.quarantineDigest() ? "on" : "off"));
    }

    @Command(name = "mta-sts", description = "show or set the MTA-STS policy mode a domain publishes (RFC 8461)")
    void mtaSts(@Parameters(index = "0", paramLabel = "<name>", description = "the domain") String name,
            @Parameters(index = "1", arity = "0..1", paramLabel = "none|testing|enforce",
                    description = "none: no policy; testing: senders report TLS failures and deliver anyway;"
                            + " enforce: senders deliver only over TLS with a valid certificate") String setting) {
        MtaStsMode mode = setting == null ? null : mtaStsMode(setting);
        DomainRepository domains = service(DomainRepository.class);
        Domain domain = mode == null ? domains.find(name).orElseThrow(() -> new NotFoundException("no domain " + name))
                : domains.setMtaSts(name, mode);
        println("MTA-STS mode of " + domain.name() + ": " + domain.mtaSts().token()
                + (domain.mtaSts() == MtaStsMode.NONE ? ""
                        : " (publish the _mta-sts TXT record the console's DNS page gives: its id changes with the mode)"));
    }

    private static MtaStsMode mtaStsMode(String setting) {
        try {
            return MtaStsMode.of(setting);
        } catch (InvalidInputException e) {
            throw new UsageException("domain mta-sts takes none, testing or enforce, not " + setting);
        }
    }

    @Command(name = "delete", description = "delete a domain (--force: with its users and mail)")
    void delete(@Parameters(paramLabel = "<name>", description = "the domain") String name,
            @Option(names = "--force", description = "also delete its users, aliases and mail") boolean force) {
        service(DomainRepository.class).delete(name, force);
        println("deleted " + name);
    }
}
