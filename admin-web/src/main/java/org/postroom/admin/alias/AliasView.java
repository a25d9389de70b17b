package org.postroom.admin.alias;

import java.time.Instant;
import java.util.List;

import org.postroom.storage.directory.Alias;
import org.postroom.storage.directory.Address;

/**
 * An alias as the API and the pages show it.
 *
 * @param address {@code @example.com} for the domain's catch-all
 * @param catchAll whether this alias takes every address of its domain that nothing else takes
 */
public record AliasView(String address, String domain, List<String> targets, boolean catchAll, Instant createdAt) {

    public AliasView {
        targets = List.copyOf(targets);
    }

    public static AliasView of(Alias alias) {
        return new AliasView(alias.address(), Address.of(alias.address()).domain(), alias.targets(), alias.isCatchAll(),
                alias.createdAt());
    }

    /** True for a target at a domain other than the alias's own: mail to it is relayed out. */
    public boolean isExternal(String target) {
        return !Address.of(target).domain().equals(domain);
    }
}
