package org.postroom.smtp.inbound.checks;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;

/**
 * SPF (RFC 7208) of the message's client and sender ({@link SpfEvaluation}: evaluated here unless
 * greylisting did at RCPT already). It only records the verdict; what follows from it is decided
 * by {@link OwnDomainCheck} and {@link DmarcCheck}.
 */
final class SpfCheck implements MessageHook {

    private final SpfEvaluation spf;
    private final CheckMeters meters;

    SpfCheck(SpfEvaluation spf, CheckMeters meters) {
        this.spf = spf;
        this.meters = meters;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        SpfResult result = spf.of(session);
        MessageAuthentication.in(session).spf(result);
        meters.checked("spf", result.status().word());
        return HookResult.DECLINED;
    }
}
