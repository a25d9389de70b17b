package org.postroom.storage.directory;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.postroom.storage.InvalidInputException;

/**
 * Canonical domain names: lower-case ASCII without a trailing dot, internationalised names in
 * punycode (RFC 5890). Lookups and the stored names both go through {@link #canonical}, so
 * {@code Example.COM.} and {@code example.com} are the same domain.
 */
public final class DomainName {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_LENGTH = 253;

    private DomainName() {
    }

    /**
     * The canonical form of a name as given by a client; never fails, so that a malformed name
     * simply matches no domain (also one with a NUL, which PostgreSQL's text cannot hold: see
     * {@link #lookupText}).
     */
    public static String canonical(String name) {
        String trimmed = lookupText(name).strip();
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            trimmed = IDN.toASCII(trimmed, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException notAnIdn) {
            // keep the name as given: it cannot match a stored (valid) domain anyway
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * A client's text as a lookup key the database can take: PostgreSQL's text holds no NUL and
     * refuses a query that has one, so each NUL becomes U+FFFD, which no stored name has either.
     * The name then matches nothing, as it should, instead of failing the query (found by
     * Pop3CommandsFuzzTest: a NUL in POP3's USER).
     */
    static String lookupText(String text) {
        return text.replace('\u0000', '\uFFFD');
    }

    /**
     * {@code name} and its parents, nearest first: {@code mail.example.com}, then {@code
     * example.com}; never a top-level domain alone, which no one hosts.
     */
    public static List<String> withParents(String name) {
        List<String> names = new ArrayList<>();
        for (String d = name; d.indexOf('.') > 0; d = d.substring(d.indexOf('.') + 1)) {
            names.add(d);
        }
        return names;
    }

    /** The canonical form of a name an administrator wants to add, or why it is not a domain. */
    public static String validated(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("domain name is empty");
        }
        String ascii = canonical(name);
        if (ascii.length() > MAX_LENGTH) {
            throw new InvalidInputException("domain name is longer than " + MAX_LENGTH + " characters: " + name);
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidInputException("domain name needs at least two labels (like example.com): " + name);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidInputException("not a valid domain name: " + name);
            }
        }
        return ascii;
    }
}
