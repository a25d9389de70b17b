package org.postroom.smtp.inbound.hook;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.postroom.smtp.reply.Codes;
import org.postroom.smtp.reply.Reply;

/**
 * Turns a {@link Reply} into what James's hooks and handlers return. A 2xx reply accepts, 4xx
 * denies softly, 5xx denies; a 421 also ends the session, as RFC 5321 §3.8 says it must.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /** The hook verdict that makes James send {@code reply}. */
    public static HookResult of(Reply reply) {
        HookReturnCode.Action action = reply.isPositive() ? HookReturnCode.Action.OK
                : reply.isTransient() ? HookReturnCode.Action.DENYSOFT : HookReturnCode.Action.DENY;
        HookReturnCode returnCode = endsSession(reply) ? HookReturnCode.disconnected(action)
                : HookReturnCode.connected(action);
        return HookResult.builder().hookReturnCode(returnCode)
                .smtpReturnCode(Integer.toString(reply.code()))
                .smtpDescription(description(reply))
                .build();
    }

    /** {@code reply} as a response a command or line handler returns. */
    public static Response response(Reply reply) {
        SMTPResponse response = new SMTPResponse(Integer.toString(reply.code()), description(reply));
        response.setEndSession(endsSession(reply));
        return response;
    }

    private static boolean endsSession(Reply reply) {
        return reply.code() == Codes.C421_SERVICE_UNAVAILABLE;
    }

    private static String description(Reply reply) {
        return reply.enhanced().isEmpty() ? reply.text() : reply.enhanced() + " " + reply.text();
    }
}
