package org.postroom.smtp.inbound.hook;

import static org.postroom.smtp.inbound.hook.Verdict.assertDeclined;
import static org.postroom.smtp.inbound.hook.Verdict.assertReply;

import java.time.Duration;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.TestMailSystem;
import org.postroom.smtp.reply.Replies;

class SenderOwnershipHookTest {

    private final TestMailSystem mail = TestMailSystem.create();
    private final SenderOwnershipHook hook = new SenderOwnershipHook(mail.directory());
    private final SMTPSession alice = FakeTransport.session("192.0.2.7", true);

    @BeforeEach
    void logInAsAlice() {
        new PasswordAuthHook(mail.logins(10, Duration.ZERO))
                .doAuth(alice, Username.of("alice@example.com"), TestMailSystem.PASSWORD);
    }

    @AfterEach
    void close() {
        mail.close();
    }

    @Test
    void aUserMaySendAsThemselvesWithOrWithoutATag() throws Exception {
        assertDeclined(mailFrom("alice@example.com"));
        assertDeclined(mailFrom("ALICE+news@example.com"));
    }

    @Test
    void aUserMaySendAsAnAliasThatDeliversToThem() throws Exception {
        assertDeclined(mailFrom("team@example.com"));
    }

    @Test
    void anyOtherSenderIsRefusedWith553() throws Exception {
        assertReply(mailFrom("bob@example.com"), Replies.SENDER_NOT_OWNED);
        assertReply(mailFrom("fwd@example.com"), Replies.SENDER_NOT_OWNED);
        assertReply(mailFrom("ceo@elsewhere.test"), Replies.SENDER_NOT_OWNED);
        assertReply(mailFrom("nobody@example.com"), Replies.SENDER_NOT_OWNED);
    }

    @Test
    void aCatchAllDoesNotMakeEveryAddressOfTheDomainTheUsers() throws Exception {
        assertReply(mailFrom("president@catchall.test"), Replies.SENDER_NOT_OWNED);
    }

    @Test
    void theNullSenderOfReadReceiptsIsAllowed() {
        assertDeclined(hook.doMail(alice, MaybeSender.nullSender()));
    }

    @Test
    void aDatabaseFailureIsATemporaryFailure() throws Exception {
        mail.breakDatabase();
        assertReply(mailFrom("alice@example.com"), Replies.TRY_LATER);
    }

    private HookResult mailFrom(String sender) throws Exception {
        return hook.doMail(alice, MaybeSender.of(new MailAddress(sender)));
    }
}
