package org.postroom.storage.audit;

/**
 * One thing to write into the audit log: who ({@code actor}, an administrator's name, a mail
 * user's address, or {@code server}) did {@code action} (a dotted name, e.g. {@code user.delete},
 * {@code login.failed}) over {@code channel} from {@code client} (an IP address, null when none),
 * about {@code domain} (null: the server's own business) and {@code target} (what was changed,
 * e.g. an address), with a short {@code detail}. None of them ever holds a secret.
 */
public record AuditEvent(String actor, AuditChannel channel, String client, String action, String domain, String target,
        String detail) {

    public AuditEvent {
        if (actor == null || actor.isBlank() || channel == null || action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an actor, a channel and an action");
        }
    }
}
