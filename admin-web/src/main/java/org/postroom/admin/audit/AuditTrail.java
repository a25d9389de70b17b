package org.postroom.admin.audit;

import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.audit.AuditEvent;
import org.postroom.storage.audit.AuditLog;
import org.springframework.stereotype.Component;

/**
 * What the web side writes into the audit log: the changes {@link ChangeAudit} sees succeed, and
 * the sign-ins and failed sign-ins the security chains report. A login's secret never reaches it:
 * only the name that was tried, the client and why it failed.
 */
@Component
public class AuditTrail {


    private final AuditLog audit;

    AuditTrail(AuditLog audit) {
        this.audit = audit;
    }

    /** A completed sign-in of {@code who} at a login form ({@code channel} console or account). */
    public void signedIn(AuditChannel channel, String who, String client) {
        audit.record(new AuditEvent(who, channel, client, "login", null, who, null));
    }

    /**
     * A refused login of {@code login} (as typed; a token's prefix) over {@code channel}, with the
     * {@code reason} (a fixed word such as {@code wrong-password}, {@code throttled}).
     */
    public void loginFailed(AuditChannel channel, String login, String client, String reason) {
        String who = login == null || login.isBlank() ? "-" : login;
        audit.record(new AuditEvent(who, channel, client, "login.failed", null, who, reason));
    }

    /** A change that succeeded: written as it is. */
    void changed(AuditEvent event) {
        audit.record(event);
    }
}
