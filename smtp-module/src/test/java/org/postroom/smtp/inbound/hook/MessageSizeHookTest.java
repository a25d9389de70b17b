package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.smtp.inbound.hook.Verdict.assertDeclined;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.reply.Replies;

class MessageSizeHookTest {

    private final MessageSizeHook hook = new MessageSizeHook(1000);
    private final SMTPSession session = FakeTransport.session("192.0.2.7", false);

    @Test
    void theLimitIsAnnouncedInEhlo() {
        assertThat(hook.getImplementedEsmtpFeatures(session)).containsExactly("SIZE 1000");
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeAnyData() {
        assertReply(hook.doMailParameter(session, "SIZE", "1001"), Replies.MESSAGE_TOO_BIG);
        assertDeclined(hook.doMailParameter(session, "SIZE", "1000"));
    }

    @Test
    void aSizeThatIsNotANumberIsASyntaxError() {
        assertReply(hook.doMailParameter(session, "SIZE", "big"), Replies.SIZE_SYNTAX);
        assertReply(hook.doMailParameter(session, "SIZE", "-1"), Replies.SIZE_SYNTAX);
        assertReply(hook.doMailParameter(session, "SIZE", "99999999999999999999999"), Replies.SIZE_SYNTAX);
    }
}
