package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postroom.smtp.inbound.hook.Verdict.assertDeclined;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.reply.Replies;

class MaxRecipientsHookTest {

    @Test
    void theRecipientAfterTheLimitGets452SoTheClientSendsTheRestLater() throws Exception {
        MaxRecipientsHook hook = new MaxRecipientsHook(100);
        SMTPSession session = FakeTransport.session("192.0.2.7", false);
        MailAddress rcpt = new MailAddress("alice@example.com");

        withRecipients(session, 99);
        assertDeclined(hook.doRcpt(session, MaybeSender.nullSender(), rcpt));
        withRecipients(session, 100);
        assertReply(hook.doRcpt(session, MaybeSender.nullSender(), rcpt), Replies.TOO_MANY_RECIPIENTS);
    }

    @Test
    void aLimitBelowTheHundredOfRfc5321IsRefused() {
        assertThatThrownBy(() -> new MaxRecipientsHook(99)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void withRecipients(SMTPSession session, int count) throws Exception {
        List<MailAddress> recipients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            recipients.add(new MailAddress("user" + i + "@example.com"));
        }
        session.setAttachment(SMTPSession.RCPT_LIST, recipients, State.Transaction);
    }
}
