package org.postroom.server.config;

import java.util.List;

import org.postroom.storage.directory.NetworkRange;

/** A property holding a list of CIDR blocks, parsed, or refused with the property's name. */
final class NetworkRanges {

    private NetworkRanges() {
    }

    /** @throws IllegalArgumentException naming {@code property} and the block it cannot read */
    static List<NetworkRange> parse(String property, List<String> blocks) {
        try {
            return blocks.stream().map(NetworkRange::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
        }
    }
}
