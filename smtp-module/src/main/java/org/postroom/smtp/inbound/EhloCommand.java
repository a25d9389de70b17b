package org.postroom.smtp.inbound;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;

/**
 * James's EHLO command, with its first line said as Postroom says it ({@link Replies#hello}):
 * James writes {@code mx.example Hello client.example [192.0.2.1])}, the parenthesis left over
 * from a reverse-DNS form it no longer writes. The extension lines after it are James's.
 */
final class EhloCommand extends EhloCmdHandler {

    /** "250-" or "250 " before each line James wrote. */
    private static final int CODE_AND_SEPARATOR = 4;

    EhloCommand(MetricFactory metrics) {
        super(metrics);
    }

    @Override
    protected Response doCoreCmd(SMTPSession session, String command, String parameters) {
        Response james = super.doCoreCmd(session, command, parameters);
        SMTPResponse reply = (SMTPResponse) Verdicts.response(Replies.hello(session.getConfiguration().getHelloName(),
                parameters, session.getRemoteAddress().getAddress().getHostAddress()));
        james.getLines().stream().skip(1).map(line -> line.toString().substring(CODE_AND_SEPARATOR))
                .forEach(reply::appendLine);
        return reply;
    }
}
