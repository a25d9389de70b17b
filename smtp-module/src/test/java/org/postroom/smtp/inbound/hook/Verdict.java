package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.postroom.smtp.reply.Reply;

/** Assertions on what a hook decided. */
final class Verdict {

    private Verdict() {
    }

    /** The hook answered with exactly {@code reply}. */
    static void assertReply(HookResult result, Reply reply) {
        assertThat(result.getSmtpRetCode() + " " + result.getSmtpDescription()).isEqualTo(reply.line());
    }

    /** The hook left the decision to the next one. */
    static void assertDeclined(HookResult result) {
        assertThat(result.getResult().getAction()).isEqualTo(HookReturnCode.Action.DECLINED);
    }

    /** The hook accepted (and no later hook is asked). */
    static void assertAccepted(HookResult result) {
        assertThat(result.getResult().getAction()).isEqualTo(HookReturnCode.Action.OK);
    }
}
