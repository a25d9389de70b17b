package org.postroom.pop3;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.listener.ProtocolListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One INFO line per POP3 session, when it ends, in the shape of SMTP's session line (logger
 * {@code org.postroom.pop3.session}): session id, listener port, client IP, TLS protocol and
 * cipher, user, how it ended, failed logins, messages retrieved and deleted, duration; and the
 * session counted in {@code postroom.pop3.sessions} by listener and outcome. Never a password.
 * The facts are gathered in the session's {@link SessionRecord}.
 */
final class SessionLog implements ConnectHandler<POP3Session>, DisconnectHandler<POP3Session>,
        ProtocolHandlerResultHandler<Response, POP3Session> {

    private static final Logger log = LoggerFactory.getLogger("org.postroom.pop3.session");

    private final MeterRegistry meters;

    SessionLog(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Response onConnect(POP3Session session) {
        SessionRecord.of(session);
        return null;
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        SessionRecord.of(session).observe(session);
        return response;
    }

    @Override
    public void onDisconnect(POP3Session session) {
        SessionRecord record = SessionRecord.of(session);
        // counted first: whoever reads the log line then finds the count too
        Counter.builder("postroom.pop3.sessions").description("POP3 sessions ended, by listener and outcome")
                .tag("listener", ProtocolListener.nameOf(session)).tag("outcome", record.outcome().tag())
                .register(meters).increment();
        log.info("pop3 session {} on port {} {}", session.getSessionID(), session.getLocalAddress().getPort(),
                record.summary(session));
    }

    /** The user for log lines: "-" before login. */
    static String user(ProtocolSession session) {
        Username username = session.getUsername();
        return username == null ? "-" : username.asString();
    }
}
