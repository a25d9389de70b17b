package org.postroom.storage.directory;

import java.util.Locale;
import java.util.regex.Pattern;

import org.postroom.storage.InvalidInputException;

/**
 * A mail address in canonical form: local part lower-cased (Postroom treats local parts as
 * case-insensitive, as RFC 5321 §2.4 allows the receiving host to), domain canonical.
 * An empty local part stands for a whole domain, the catch-all {@code @example.com}.
 */
public record Address(String localPart, String domain) {

    // RFC 5322 dot-atom of atext; quoted local parts are accepted by nobody's mail client in practice
    private static final Pattern DOT_ATOM = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final int MAX_LOCAL_PART = 64;

    /**
     * The canonical form of an address as a client gave it; never fails on odd syntax, because
     * such an address simply matches nothing (a NUL included, see {@link DomainName#lookupText}).
     * The domain is taken after the last {@code @}.
     */
    public static Address of(String address) {
        String text = DomainName.lookupText(address);
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return new Address(text.toLowerCase(Locale.ROOT), "");
        }
        return new Address(text.substring(0, at).toLowerCase(Locale.ROOT), DomainName.canonical(text.substring(at + 1)));
    }

    /**
     * An address an administrator wants to create (or a catch-all, when {@code catchAllAllowed}),
     * validated, or an {@link InvalidInputException} that says what is wrong.
     */
    public static Address validated(String address, boolean catchAllAllowed) {
        if (address == null || address.isBlank()) {
            throw new InvalidInputException("address is empty");
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidInputException("address needs a domain (like alice@example.com): " + address);
        }
        String domain = DomainName.validated(address.substring(at + 1));
        String localPart = address.substring(0, at).strip().toLowerCase(Locale.ROOT);
        if (localPart.isEmpty()) {
            if (!catchAllAllowed) {
                throw new InvalidInputException("address needs a local part before @: " + address);
            }
            return new Address("", domain);
        }
        if (localPart.length() > MAX_LOCAL_PART || !DOT_ATOM.matcher(localPart).matches()) {
            throw new InvalidInputException("not a valid address: " + address);
        }
        return new Address(localPart, domain);
    }

    /**
     * The local part without its {@code +tag} (subaddress, RFC 5233): {@code alice} for {@code
     * alice+news}. A local part that starts with {@code +} has no base and is its own.
     */
    public String baseLocalPart() {
        int plus = localPart.indexOf('+');
        return plus > 0 ? localPart.substring(0, plus) : localPart;
    }

    public boolean isCatchAll() {
        return localPart.isEmpty();
    }

    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
