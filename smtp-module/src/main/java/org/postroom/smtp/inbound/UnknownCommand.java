package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * Any command SMTP does not know, answered 500 5.5.1 without repeating it: James's handler puts
 * the client's word into the reply as it came, a bare CR or a terminal escape included.
 */
final class UnknownCommand extends UnknownCmdHandler {

    UnknownCommand(MetricFactory metrics) {
        super(metrics);
    }

    @Override
    protected Response doCoreCmd(SMTPSession session, String command, String parameters) {
        return Verdicts.response(Replies.UNKNOWN_COMMAND);
    }
}
