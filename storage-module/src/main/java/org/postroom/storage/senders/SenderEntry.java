package org.postroom.storage.senders;

import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.DomainName;
import org.postroom.storage.directory.NetworkRange;

/**
 * One entry of a sender list as an administrator types it, validated: a sender address ({@code
 * alice@example.org}, matched case-insensitively), a whole sender domain ({@code @example.org},
 * that domain only, not its subdomains; IDN names in punycode) or the client's network ({@code
 * 192.0.2.7}, {@code 192.0.2.0/24}, {@code 2001:db8::/32}; host bits are cleared). Address and
 * domain entries are matched against the envelope sender (MAIL FROM), never the From: field, and
 * never match the null sender; a network entry matches the connecting client's address.
 *
 * @param kind which of the three it is
 * @param value the address, the domain without its {@code @}, or the network in CIDR notation
 */
public record SenderEntry(Kind kind, String value) {

    /** What an entry names. */
    public enum Kind {
        ADDRESS, DOMAIN, NETWORK
    }

    /** @throws InvalidInputException saying what is wrong with {@code entry} */
    public static SenderEntry parse(String entry) {
        if (entry == null || entry.isBlank()) {
            throw new InvalidInputException("sender entry is empty: give an address, @domain, an IP address or a network");
        }
        String text = entry.strip();
        if (text.startsWith("@")) {
            return new SenderEntry(Kind.DOMAIN, DomainName.validated(text.substring(1)));
        }
        if (text.contains("@")) {
            return new SenderEntry(Kind.ADDRESS, Address.validated(text, false).toString());
        }
        if (!text.matches("[0-9A-Fa-f:.]+(/.*)?")) {
            throw new InvalidInputException("not a sender address, @domain, IP address or network: " + entry);
        }
        try {
            return new SenderEntry(Kind.NETWORK, NetworkRange.parse(text).cidr());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
