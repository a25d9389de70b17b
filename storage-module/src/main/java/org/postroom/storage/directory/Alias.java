package org.postroom.storage.directory;

import java.time.Instant;
import java.util.List;

/**
 * An alias: mail for {@code address} goes to every target. An address of the form
 * {@code @example.com} is the domain's catch-all.
 */
public record Alias(long id, String address, List<String> targets, Instant createdAt) {

    public Alias {
        targets = List.copyOf(targets);
    }

    public boolean isCatchAll() {
        return address.startsWith("@");
    }
}
