package org.postroom.smtp.inbound;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.listener.ProtocolListener;
import org.postroom.smtp.reply.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One INFO line per SMTP session, when it ends: listener port, remote IP, EHLO name, TLS protocol
 * and cipher, authenticated user, how it ended, the queue ids committed and the refusals by
 * reason; the session counted in {@code postroom.smtp.sessions} by listener and outcome, and each
 * refusal, as it is sent, in {@code postroom.smtp.refusals} by listener and {@link Refusal} reason.
 * It logs and counts, nothing else.
 */
final class SessionLog implements ConnectHandler<SMTPSession>, DisconnectHandler<SMTPSession> {

    private static final Logger log = LoggerFactory.getLogger("org.postroom.smtp.session");

    private final MeterRegistry meters;

    SessionLog(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        String listener = ProtocolListener.nameOf(session);
        SessionRecord.start(session, reason -> Counter.builder("postroom.smtp.refusals")
                .description("replies refusing a client, by listener and reason")
                .tag("listener", listener).tag("reason", reason.key()).register(meters).increment());
        return null;
    }

    @Override
    public void onDisconnect(SMTPSession session) {
        SessionRecord.of(session).ifPresent(record -> {
            ProtocolListener.closingReply(session).ifPresent(record::closedByListener);
            // counted first: whoever reads the log line then finds the count too
            Counter.builder("postroom.smtp.sessions").description("SMTP sessions ended, by listener and outcome")
                    .tag("listener", ProtocolListener.nameOf(session)).tag("outcome", record.outcome())
                    .register(meters).increment();
            log.info("smtp session {} on port {} {}", session.getSessionID(), session.getLocalAddress().getPort(),
                    record.summary(session));
        });
    }
}
