package org.postroom.smtp.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.reply.Codes;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.Printable;

/**
 * What an operator wants to know about one SMTP session, gathered while it runs and written as one
 * log line by {@link SessionLog} when it ends: the TLS parameters, the queue ids of the messages
 * committed, the refusals by {@link Refusal reason}, and how the session ended. Each refusal is
 * also handed to the session log as it happens, to be counted. Never a password: AUTH data is not
 * a reply and is never seen here.
 */
final class SessionRecord {

    private static final AttachmentKey<SessionRecord> KEY = AttachmentKey.of("postroom.session-record", SessionRecord.class);

    private final Instant start = Instant.now();
    private final Consumer<Refusal> onRefusal;
    private final List<String> queueIds = new ArrayList<>();
    private final Map<String, Integer> refusals = new TreeMap<>();
    private String tls = "none";
    private String ending = "client closed the connection";
    private String outcome = "disconnected";
    /** The reason the code that refuses named for the refusal reply it is about to send. */
    private Refusal named;

    private SessionRecord(Consumer<Refusal> onRefusal) {
        this.onRefusal = onRefusal;
    }

    /** Starts the record of {@code session}; {@code onRefusal} hears of each refusal as it is sent. */
    static SessionRecord start(ProtocolSession session, Consumer<Refusal> onRefusal) {
        SessionRecord record = new SessionRecord(onRefusal);
        session.setAttachment(KEY, record, State.Connection);
        return record;
    }

    static Optional<SessionRecord> of(ProtocolSession session) {
        return session.getAttachment(KEY, State.Connection);
    }

    /**
     * The reason of the refusal about to be sent, where its reply alone does not tell it (several
     * reasons share the reply that refuses a From: field).
     */
    synchronized void refusing(Refusal reason) {
        named = reason;
    }

    /** Called with every reply the session sends to a command or a continuation line. */
    synchronized void observe(ProtocolSession session, Response response) {
        if (response == null) {
            return;
        }
        if (session.isTLSStarted() && "none".equals(tls)) {
            tls = session.getSSLSession().map(SessionRecord::describe).orElse("yes");
        }
        Reply reply = firstLine(response);
        if (!reply.isPositive()) {
            refused(reply);
        }
        if (reply.code() == Codes.C221_CLOSING) {
            ending = "quit";
            outcome = "quit";
        } else if (response.isEndSession()) {
            ending = "closed by server with " + reply.codes();
            outcome = "closed-by-server";
        }
    }

    /**
     * The listener itself closed the connection with {@code line} (a timeout, shutdown): a refusal
     * like any other, though the session never saw it go out.
     */
    synchronized void closedByListener(String line) {
        Reply reply = Reply.parse(line);
        refused(reply);
        ending = "closed by server with " + reply.codes();
    }

    private void refused(Reply reply) {
        Refusal reason = named != null ? named : Refusal.of(reply);
        named = null;
        refusals.merge(reason.key(), 1, Integer::sum);
        onRefusal.accept(reason);
    }

    /** A message was committed under {@code queueId}. */
    synchronized void queued(String queueId) {
        queueIds.add(queueId);
    }

    /**
     * How the session ended, as a metric tag: {@code quit}; {@code closed-by-server} (a reply that
     * ends the session, e.g. 421 after too many failed logins); {@code disconnected} (the client
     * went away without QUIT, or the listener closed it: a timeout, shutdown; the log line's
     * ending and refusals tell which).
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

    /** The first line of {@code response}, which carries its codes. */
    private static Reply firstLine(Response response) {
        return response.getLines().isEmpty() ? new Reply(Integer.parseInt(response.getRetCode()), "", "")
                : Reply.parse(response.getLines().get(0).toString());
    }
}
