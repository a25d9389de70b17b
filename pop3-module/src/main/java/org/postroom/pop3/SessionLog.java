package org.postroom.pop3;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.listener.ProtocolListener;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What an operator learns about one POP3 session: one INFO line when it ends, with the client's
 * IP, the user (only once logged in), whether TLS was on, failed logins, messages retrieved and
 * deleted, and how it ended; and the session counted in {@code postroom.pop3.sessions} by listener
 * and outcome. Never a password. Kept as a connection attachment, so it survives the state reset
 * of STLS.
 */
final class SessionLog {

    /** How a session ended: the text of the log line, and as a metric tag the lower-case name. */
    enum Outcome {
        /** The client went away without QUIT, or the listener closed it (idle timeout, shutdown). */
        DISCONNECTED("connection closed"),
        QUIT("quit"),
        /** QUIT's UPDATE step failed: nothing was removed (RFC 1939 §6). */
        DELETIONS_FAILED("quit, deletions failed"),
        RETRIEVAL_FAILED("retrieval failed");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final AttachmentKey<SessionLog> KEY = AttachmentKey.of("postroom.sessionLog", SessionLog.class);
    private static final Logger log = LoggerFactory.getLogger(SessionLog.class);

    private int retrieved;
    private int deleted;
    private Outcome outcome = Outcome.DISCONNECTED;

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

    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    /** Writes the log line and counts the session. */
    void write(POP3Session session, MeterRegistry meters) {
        // counted first: whoever reads the log line then finds the count too
        Counter.builder("postroom.pop3.sessions").description("POP3 sessions ended, by listener and outcome")
                .tag("listener", ProtocolListener.nameOf(session)).tag("outcome", outcome.tag())
                .register(meters).increment();
        InetSocketAddress remote = session.getRemoteAddress();
        log.info("pop3 session ip={} user={} tls={} failed-logins={} retrieved={} deleted={} outcome={}",
                remote == null ? "-" : remote.getAddress().getHostAddress(), user(session), session.isTLSStarted(),
                session.getAttachment(MaildropLogin.FAILED_LOGINS, State.Connection).orElse(0), retrieved, deleted,
                outcome.text);
    }

    /** The user for other log lines: "-" before login. */
    static String user(POP3Session session) {
        Username username = session.getUsername();
        return username == null ? "-" : username.asString();
    }
}
