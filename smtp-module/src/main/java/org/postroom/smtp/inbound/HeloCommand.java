package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/** James's HELO command, answered as {@link EhloCommand} answers EHLO ({@link Replies#hello}). */
final class HeloCommand extends HeloCmdHandler {

    HeloCommand(MetricFactory metrics) {
        super(metrics);
    }

    @Override
    protected Response doCoreCmd(SMTPSession session, String command, String parameters) {
        // James's reply is replaced; what it records (the session's HELO mode) stays
        super.doCoreCmd(session, command, parameters);
        return Verdicts.response(Replies.hello(session.getConfiguration().getHelloName(), parameters,
                session.getRemoteAddress().getAddress().getHostAddress()));
    }
}
