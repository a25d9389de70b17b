package org.postroom.storage.senders;

/**
 * Whose sender list: a domain's ({@code owner} a domain name) applies to every recipient there, a
 * user's ({@code owner} the user's address) to that user, and comes first.
 */
public record SenderList(Scope scope, String owner) {

    /** The two kinds of list. */
    public enum Scope {
        DOMAIN, USER
    }

    public static SenderList ofDomain(String domain) {
        return new SenderList(Scope.DOMAIN, domain);
    }

    public static SenderList ofUser(String address) {
        return new SenderList(Scope.USER, address);
    }

    @Override
    public String toString() {
        return (scope == Scope.DOMAIN ? "domain " : "user ") + owner;
    }
}
