package org.postroom.smtp.inbound.checks;

import java.util.Locale;

import com.google.common.net.InternetDomainName;

/**
 * The organisational domain of a name (RFC 7489 §3.2): the public suffix it is under plus one
 * label, from the Public Suffix List inside Guava ({@code InternetDomainName}, its private section
 * included, as RFC 7489 reads the list), never a list kept by hand. A name under no listed suffix
 * falls to the list's default rule "*": its last label is the suffix. Relaxed DMARC alignment
 * compares these.
 */
final class OrganizationalDomain {

    private OrganizationalDomain() {
    }

    /** The organisational domain of {@code domain} (lower-case ASCII without a trailing dot). */
    static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
            if (parsed.isPublicSuffix()) {
                return name;
            }
        } catch (IllegalArgumentException notADomainName) {
            // fall through to the default rule; such a name has no DMARC record anyway
        }
        int last = name.lastIndexOf('.');
        int second = last <= 0 ? -1 : name.lastIndexOf('.', last - 1);
        return second < 0 ? name : name.substring(second + 1);
    }

    /** RFC 7489 §3.1: relaxed alignment, the same organisational domain. */
    static boolean relaxedAligned(String one, String other) {
        return of(one).equals(of(other));
    }
}
