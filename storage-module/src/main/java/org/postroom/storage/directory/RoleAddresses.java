package org.postroom.storage.directory;

import java.util.Set;

/**
 * The addresses every domain must have although no one created them: {@code postmaster} (RFC 5321
 * §4.5.1) and {@code abuse} (RFC 2142 §2). Mail for them reaches a human even from a sender that
 * lists or filters would refuse; where it goes is the domain's postmaster target when no user or
 * alias has the name ({@link MailDirectory}).
 */
public final class RoleAddresses {

    /** The local parts, lower case. */
    public static final Set<String> LOCAL_PARTS = Set.of("postmaster", "abuse");

    private RoleAddresses() {
    }

    /** True when {@code address} is postmaster@ or abuse@ some domain, in any case, with or without a {@code +tag}. */
    public static boolean isRole(String address) {
        return isRole(Address.of(address));
    }

    static boolean isRole(Address address) {
        return LOCAL_PARTS.contains(address.baseLocalPart());
    }
}
