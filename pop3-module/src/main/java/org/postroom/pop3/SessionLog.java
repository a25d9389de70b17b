package org.postroom.pop3;

import java.net.InetSocketAddress;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator learns about one POP3 session: one INFO line when it ends, with the client's
 * IP, the user (only once logged in), whether TLS was on, failed logins, messages retrieved and
 * deleted, and how it ended. Never a password. Kept as a connection attachment, so it survives
 * the state reset of STLS.
 */
final class SessionLog {

    private static final AttachmentKey<SessionLog> KEY = AttachmentKey.of("postroom.sessionLog", SessionLog.class);
    private static final Logger log = LoggerFactory.getLogger(SessionLog.class);

    private int retrieved;
    private int deleted;
    private String outcome = "connection closed";

    static SessionLog of(POP3Session session) {
        return session.getAttachment(KEY, State.Connection).orElseGet(() -> {
            SessionLog created = new SessionLog();
            session.setAttachment(KEY, created, State.Connection);
            return created;
        });
    }

    void retrieved() {
        retrieved++;
    }

    void deleted(int count) {
        deleted += count;
    }

    void outcome(String outcome) {
        this.outcome = outcome;
    }

    void write(POP3Session session) {
        InetSocketAddress remote = session.getRemoteAddress();
        log.info("pop3 session ip={} user={} tls={} failed-logins={} retrieved={} deleted={} outcome={}",
                remote == null ? "-" : remote.getAddress().getHostAddress(), user(session), session.isTLSStarted(),
                session.getAttachment(MaildropLogin.FAILED_LOGINS, State.Connection).orElse(0), retrieved, deleted,
                outcome);
    }

    /** The user for other log lines: "-" before login. */
    static String user(POP3Session session) {
        Username username = session.getUsername();
        return username == null ? "-" : username.asString();
    }
}
