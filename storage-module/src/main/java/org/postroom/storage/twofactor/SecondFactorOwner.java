package org.postroom.storage.twofactor;

import java.util.Map;

import org.postroom.storage.directory.Address;

/**
 * Whose second factor: a mail user (by address, signing in to the account pages) or an
 * administrator (by name, signing in to the console).
 */
public record SecondFactorOwner(Kind kind, String name) {

    /** The two kinds of web login. */
    public enum Kind {
        USER, ADMIN
    }

    /** A mail user, by their address in any spelling. */
    public static SecondFactorOwner user(String address) {
        return new SecondFactorOwner(Kind.USER, Address.of(address).toString());
    }

    /** An administrator, by name. */
    public static SecondFactorOwner admin(String username) {
        return new SecondFactorOwner(Kind.ADMIN, username);
    }

    /** The column of {@code two_factor} that names an owner of this kind. */
    String column() {
        return kind == Kind.USER ? "user_id" : "admin_id";
    }

    /** A scalar subquery giving this owner's id (null when unknown), with {@link #params()}. */
    String id() {
        return kind == Kind.USER
                ? "(select u.id from mail_user u join domain d on d.id = u.domain_id"
                        + " where d.name = :domain and u.local_part = :localPart)"
                : "(select id from admin_account where username = :admin)";
    }

    /** The SQL condition on {@code two_factor} that picks this owner's row, with {@link #params()}. */
    String condition() {
        return column() + " = " + id();
    }

    /** The named parameters of {@link #condition()} (those the other kind uses are unused). */
    Map<String, Object> params() {
        if (kind == Kind.USER) {
            Address address = Address.of(name);
            return Map.of("domain", address.domain(), "localPart", address.localPart(), "admin", "");
        }
        return Map.of("domain", "", "localPart", "", "admin", name);
    }
}
