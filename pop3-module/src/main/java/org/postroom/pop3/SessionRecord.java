package org.postroom.pop3;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.postroom.pop3.maildrop.MaildropLogin;

/**
 * What an operator wants to know about one POP3 session, gathered while it runs and written as one
 * log line by {@link SessionLog} when it ends: the TLS parameters, messages retrieved and deleted,
 * and how the session ended. Kept as a connection attachment, so it survives the state reset of
 * STLS. Never a password: it sees no command's arguments.
 */
final class SessionRecord {

    /** How a session ended: the text of the log line, and as a metric tag the lower-case name. */
    enum Outcome {
        /** The client went away without QUIT, or the listener closed it (idle timeout, shutdown). */
        DISCONNECTED("client closed the connection"),
        QUIT("quit"),
        /** QUIT's UPDATE step failed: nothing was removed (RFC 1939 §6). */
        DELETIONS_FAILED("quit, deletions failed"),
        RETRIEVAL_FAILED("closed by server, retrieval failed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final AttachmentKey<SessionRecord> KEY = AttachmentKey.of("postroom.pop3.record", SessionRecord.class);

    private final Instant start = Instant.now();
    private String tls = "none";
    private int retrieved;
    private int deleted;
    private Outcome outcome = Outcome.DISCONNECTED;

    /** The session's record, begun now if the session has none yet. */
    static SessionRecord of(ProtocolSession session) {
        return session.getAttachment(KEY, State.Connection).orElseGet(() -> {
            SessionRecord created = new SessionRecord();
            session.setAttachment(KEY, created, State.Connection);
            return created;
        });
    }

    /**
     * Called with every command's reply: notes the TLS parameters once the session runs in TLS
     * (they are read while the connection is up; at its end the TLS handler may be gone).
     */
    synchronized void observe(ProtocolSession session) {
        if ("none".equals(tls) && session.isTLSStarted()) {
            tls = session.getSSLSession().map(SessionRecord::describe).orElse("yes");
        }
    }

    synchronized void retrieved() {
        retrieved++;
    }

    synchronized void deleted(int count) {
        deleted += count;
    }

    synchronized void outcome(Outcome ending) {
        outcome = ending;
    }

    synchronized Outcome outcome() {
        return outcome;
    }

    /** The log line's text, in the shape of SMTP's: client, TLS, user, outcome, what was done, duration. */
    synchronized String summary(ProtocolSession session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return "from " + (remote == null ? "-" : remote.getAddress().getHostAddress())
                + " tls=" + tls
                + " auth=" + SessionLog.user(session)
                + " outcome=\"" + outcome.text + "\""
                + " failed-logins=" + session.getAttachment(MaildropLogin.FAILED_LOGINS, State.Connection).orElse(0)
                + " retrieved=" + retrieved
                + " deleted=" + deleted
                + " duration=" + Duration.between(start, Instant.now()).toMillis() + "ms";
    }

    private static String describe(SSLSession ssl) {
        return ssl.getProtocol() + "/" + ssl.getCipherSuite();
    }
}
