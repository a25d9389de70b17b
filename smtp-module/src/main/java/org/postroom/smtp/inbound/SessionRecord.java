package org.postroom.smtp.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.storage.Printable;

/**
 * What an operator wants to know about one SMTP session, gathered while it runs and written as one
 * log line by {@link SessionLog} when it ends: the TLS parameters, the queue ids of the messages
 * committed, the refusals by reply, and how the session ended. Never a password: AUTH data is not
 * a reply and is never seen here.
 */
final class SessionRecord {

    private static final AttachmentKey<SessionRecord> KEY = AttachmentKey.of("postroom.session-record", SessionRecord.class);

    private final Instant start = Instant.now();
    private final List<String> queueIds = new ArrayList<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private String tls = "none";
    private String ending = "client closed the connection";
    private String outcome = "disconnected";

    static SessionRecord start(ProtocolSession session) {
        SessionRecord record = new SessionRecord();
        session.setAttachment(KEY, record, State.Connection);
        return record;
    }

    static Optional<SessionRecord> of(ProtocolSession session) {
        return session.getAttachment(KEY, State.Connection);
    }

    /** Called with every reply the session sends to a command or a continuation line. */
    synchronized void observe(ProtocolSession session, Response response) {
        if (response == null) {
            return;
        }
        if (session.isTLSStarted() && "none".equals(tls)) {
            tls = session.getSSLSession().map(SessionRecord::describe).orElse("yes");
        }
        String code = response.getRetCode();
        if (code.startsWith("4") || code.startsWith("5")) {
            refusals.merge(codes(response), 1, Integer::sum);
        }
        if ("221".equals(code)) {
            ending = "quit";
            outcome = "quit";
        } else if (response.isEndSession()) {
            ending = "closed by server with " + codes(response);
            outcome = "closed-by-server";
        }
    }

    /** A message was committed under {@code queueId}. */
    synchronized void queued(String queueId) {
        queueIds.add(queueId);
    }

    /**
     * How the session ended, as a metric tag: {@code quit}; {@code closed-by-server} (a reply that
     * ends the session, e.g. 421 after too many failed logins); {@code disconnected} (the client
     * went away without QUIT, or the listener closed it: idle timeout, shutdown).
     */
    synchronized String outcome() {
        return outcome;
    }

    /** The log line's text, from the facts James keeps in the session and those gathered here. */
    synchronized String summary(SMTPSession session) {
        String ehlo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("-");
        String user = session.getUsername() == null ? "-" : session.getUsername().asString();
        return "from " + session.getRemoteAddress().getAddress().getHostAddress()
                + " ehlo=" + Printable.of(ehlo)
                + " tls=" + tls
                + " auth=" + user
                + " outcome=\"" + ending + "\""
                + " queued=" + queueIds
                + " refused=" + refusals
                + " duration=" + Duration.between(start, Instant.now()).toMillis() + "ms";
    }

    private static String describe(SSLSession ssl) {
        return ssl.getProtocol() + "/" + ssl.getCipherSuite();
    }

    /** "550 5.1.1" from a reply's first line. */
    private static String codes(Response response) {
        String first = response.getLines().isEmpty() ? "" : response.getLines().get(0).toString();
        String[] words = first.split("[ -]", 3);
        return words.length >= 2 && words[1].matches("[245]\\.\\d+\\.\\d+") ? words[0] + " " + words[1] : response.getRetCode();
    }
}
