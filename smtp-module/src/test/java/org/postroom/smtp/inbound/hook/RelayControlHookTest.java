package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.smtp.inbound.hook.Verdict.assertAccepted;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.reply.Replies;

class RelayControlHookTest {

    private final RelayControlHook hook = new RelayControlHook();

    @Test
    void aRecipientElsewhereIsRefusedWith554WithoutAuthentication() throws Exception {
        SMTPSession session = FakeTransport.session("192.0.2.7", true);
        assertReply(hook.doRcpt(session, MaybeSender.nullSender(), new MailAddress("far@elsewhere.test")),
                Replies.RELAY_DENIED);
        assertThat(AcceptedRecipients.of(session)).isEmpty();
    }

    @Test
    void anAuthenticatedUsersRecipientElsewhereIsQueuedForOutboundDelivery() throws Exception {
        SMTPSession session = FakeTransport.session("192.0.2.7", true);
        session.setRelayingAllowed(true);
        assertAccepted(hook.doRcpt(session, MaybeSender.nullSender(), new MailAddress("far@elsewhere.test")));
        assertThat(AcceptedRecipients.of(session)).singleElement()
                .satisfies(r -> assertThat(r.remoteAddresses()).containsExactly("far@elsewhere.test"));
    }
}
