package org.postroom.smtp.inbound.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.smtp.inbound.hook.Verdict.assertAccepted;
import static org.postroom.smtp.inbound.hook.Verdict.assertDeclined;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.TestMailSystem;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.mailbox.Recipient;

class LocalRecipientHookTest {

    private final TestMailSystem mail = TestMailSystem.create();
    private final LocalRecipientHook hook = new LocalRecipientHook(mail.directory(), mail.senderRewriting(), List.of());
    private final SMTPSession session = FakeTransport.session("192.0.2.7", false);

    @AfterEach
    void close() {
        mail.close();
    }

    @Test
    void aLocalUserIsAcceptedAndRememberedForDelivery() throws Exception {
        assertAccepted(rcpt("alice@example.com"));
        assertThat(AcceptedRecipients.of(session)).singleElement()
                .satisfies(r -> assertThat(r.mailboxIds()).hasSize(1));
    }

    @Test
    void anAliasAPlusAddressAndACatchAllAreAccepted() throws Exception {
        assertAccepted(rcpt("team@example.com"));
        assertAccepted(rcpt("alice+lists@example.com"));
        assertAccepted(rcpt("anyone@catchall.test"));
        assertThat(AcceptedRecipients.of(session)).extracting(Recipient::address)
                .containsExactly("team@example.com", "alice+lists@example.com", "anyone@catchall.test");
    }

    @Test
    void anUnknownLocalUserIsRefusedWith550AtRcptTime() throws Exception {
        assertReply(rcpt("nobody@example.com"), Replies.UNKNOWN_USER);
        assertThat(AcceptedRecipients.of(session)).isEmpty();
    }

    @Test
    void aDisabledUserIsRefusedWith550MailboxDisabled() throws Exception {
        assertReply(rcpt("carol@example.com"), Replies.MAILBOX_DISABLED);
    }

    @Test
    void aMailboxAtItsQuotaIsRefusedWith452SoTheSenderRetriesLater() throws Exception {
        mail.store("bob@example.com", new byte[(int) TestMailSystem.BOB_QUOTA]);
        assertReply(rcpt("bob@example.com"), Replies.MAILBOX_FULL);
    }

    @Test
    void anSrsAddressOfOursStandsForItsOriginalAndAForgedOneIsUnknown() throws Exception {
        String remote = mail.senderRewriting().forward("sender@remote.test", "example.com");
        assertAccepted(rcpt(remote));
        String local = mail.senderRewriting().forward("alice@example.com", "catchall.test");
        assertAccepted(rcpt(local));
        assertThat(AcceptedRecipients.of(session)).satisfiesExactly(
                r -> assertThat(r.remoteAddresses()).containsExactly("sender@remote.test"),
                r -> assertThat(r.mailboxIds()).hasSize(1));
        assertReply(rcpt(remote.replace("=sender@", "=other@")), Replies.UNKNOWN_USER);
        // at another domain it is just an address there, left to relay control
        assertDeclined(rcpt(mail.senderRewriting().forward("sender@remote.test", "elsewhere.test")));
    }

    @Test
    void anotherDomainIsLeftToRelayControl() throws Exception {
        assertDeclined(rcpt("someone@elsewhere.test"));
    }

    @Test
    void relayTricksAreLocalPartsAtOurDomainAndNeverLeaveIt() throws Exception {
        assertReply(rcpt("user%elsewhere.test@example.com"), Replies.UNKNOWN_USER);
        assertReply(rcpt("elsewhere.test!user@example.com"), Replies.UNKNOWN_USER);
        assertReply(rcpt("\"user@elsewhere.test\"@example.com"), Replies.UNKNOWN_USER);
        // a catch-all takes them into a local mailbox, still not to elsewhere.test
        assertAccepted(rcpt("user%elsewhere.test@catchall.test"));
        assertThat(AcceptedRecipients.of(session)).singleElement()
                .satisfies(r -> assertThat(r.remoteAddresses()).isEmpty());
    }

    @Test
    void aDatabaseFailureIsATemporaryFailure() throws Exception {
        mail.breakDatabase();
        assertReply(rcpt("alice@example.com"), Replies.TRY_LATER);
    }

    private HookResult rcpt(String address) throws Exception {
        return hook.doRcpt(session, MaybeSender.of(new MailAddress("sender@elsewhere.test")), new MailAddress(address));
    }
}
