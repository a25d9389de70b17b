package org.postroom.storage.directory;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an administrator may manage: everything (a server administrator), or the data of some
 * domains (a domain administrator; {@code domains} in canonical form and by name, possibly none
 * left once their domains were deleted).
 */
public record AdministratorScope(boolean server, Set<String> domains) {

    public AdministratorScope {
        // sorted, so that lists and the API show them in one order
        domains = Collections.unmodifiableSortedSet(new TreeSet<>(domains));
        if (server && !domains.isEmpty()) {
            throw new IllegalArgumentException("a server administrator has no domains of their own");
        }
    }

    public static AdministratorScope serverAdministrator() {
        return new AdministratorScope(true, Set.of());
    }

    /** A domain administrator of these domains, in any spelling (IDN or punycode, any case). */
    public static AdministratorScope domainAdministrator(Collection<String> domains) {
        return new AdministratorScope(false, Set.copyOf(domains.stream().map(DomainName::canonical).toList()));
    }

    /** True when this administrator may manage the data of {@code domain} (any spelling). */
    public boolean covers(String domain) {
        return server || domains.contains(DomainName.canonical(domain));
    }
}
