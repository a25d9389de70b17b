package org.postroom.smtp.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postroom.smtp.inbound.hook.FakeTransport;
import org.postroom.smtp.inbound.hook.PasswordAuthHook;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;

/**
 * The AUTH exchange of RFC 4954 with PLAIN (RFC 4616) and LOGIN, on a real session without a
 * socket; the password check is the real one against PostgreSQL.
 */
class AuthCommandTest {

    private final TestMailSystem mail = TestMailSystem.create();
    private final AuthCommand auth = new AuthCommand();
    private final FakeTransport transport = new FakeTransport("192.0.2.7", true);
    private final SMTPSession session = transport.session();

    AuthCommandTest() {
        auth.wireExtensions(org.apache.james.protocols.smtp.hook.AuthHook.class,
                List.of(new PasswordAuthHook(mail.logins(10, Duration.ZERO))));
    }

    @AfterEach
    void close() {
        mail.close();
    }

    @Test
    void plainWithAnInitialResponseLogsIn() {
        assertReply(command("PLAIN " + base64("\0alice@example.com\0" + TestMailSystem.PASSWORD)), Replies.AUTH_SUCCEEDED);
        assertThat(session.getUsername().asString()).isEqualTo("alice@example.com");
    }

    @Test
    void plainAfterAnEmptyChallengeLogsIn() {
        assertThat(command("PLAIN").getLines()).containsExactly("334 ");
        assertReply(answer(base64("alice@example.com\0alice@example.com\0" + TestMailSystem.PASSWORD)), Replies.AUTH_SUCCEEDED);
    }

    @Test
    void loginAsksForUserAndPasswordInBase64() {
        assertThat(command("LOGIN").getLines()).containsExactly("334 VXNlcm5hbWU6");
        assertThat(answer(base64("alice@example.com")).getLines()).containsExactly("334 UGFzc3dvcmQ6");
        assertReply(answer(base64(TestMailSystem.PASSWORD)), Replies.AUTH_SUCCEEDED);
        assertThat(transport.lineHandlers).isEmpty();
    }

    @Test
    void loginWithTheUserAsInitialResponseAsksOnlyForThePassword() {
        assertThat(command("login " + base64("alice@example.com")).getLines()).containsExactly("334 UGFzc3dvcmQ6");
        assertReply(answer(base64("wrong")), Replies.AUTH_FAILED);
        assertThat(session.getUsername()).isNull();
    }

    @Test
    void dataThatIsNotBase64OrNotInTheMechanismsFormatGets501() {
        // RFC 4616 §2 as the listener's decoder reads it for SMTP and POP3 alike, with the reason
        assertThat(command("PLAIN !!!").getLines()).containsExactly("501 5.5.2 Cannot decode AUTH data: not base64");
        assertThat(command("PLAIN " + base64("alice@example.com " + TestMailSystem.PASSWORD)).getLines())
                .containsExactly("501 5.5.2 Cannot decode AUTH data: not authzid NUL login NUL password");
        assertThat(command("PLAIN =").getLines()).containsExactly("501 5.5.2 Cannot decode AUTH data: empty response");
        assertThat(command("PLAIN " + base64("\0alice@example.com\0")).getLines())
                .containsExactly("501 5.5.2 Cannot decode AUTH data: empty password");
        command("LOGIN");
        assertReply(answer("not base64"), Replies.AUTH_SYNTAX);
        command("LOGIN");
        answer(base64("alice@example.com"));
        assertReply(answer("%%%"), Replies.AUTH_SYNTAX);
        assertThat(transport.lineHandlers).isEmpty();
    }

    @Test
    void aStarCancelsTheExchange() {
        command("LOGIN");
        assertReply(answer("*"), Replies.AUTH_CANCELLED);
        assertThat(transport.lineHandlers).isEmpty();
    }

    @Test
    void actingAsAnotherUserIsNotOffered() {
        assertReply(command("PLAIN " + base64("bob@example.com\0alice@example.com\0" + TestMailSystem.PASSWORD)),
                Replies.AUTH_OTHER_IDENTITY);
        assertThat(session.getUsername()).isNull();
    }

    @Test
    void aUserNameThatIsNoAddressFailsLikeAWrongPassword() {
        assertReply(command("PLAIN " + base64("\0a@b@c\0x")), Replies.AUTH_FAILED);
    }

    @Test
    void mechanismsOtherThanPlainAndLoginAreUnknown() {
        assertReply(command("CRAM-MD5"), Replies.AUTH_MECHANISM_UNKNOWN);
        assertReply(command(""), Replies.AUTH_USAGE);
    }

    @Test
    void authIsRefusedBeforeTlsWithoutAskingForThePassword() {
        FakeTransport plain = new FakeTransport("192.0.2.7", false);
        Response response = auth.onCommand(plain.session(), new BaseRequest("AUTH", "LOGIN"));
        assertReply(response, Replies.ENCRYPTION_REQUIRED);
        assertThat(plain.lineHandlers).isEmpty();
        assertThat(auth.getImplementedEsmtpFeatures(plain.session())).isEmpty();
        assertThat(auth.getImplementedEsmtpFeatures(session)).containsExactly("AUTH PLAIN LOGIN", "AUTH=PLAIN LOGIN");
    }

    @Test
    void aSecondAuthAndAuthInsideATransactionAreOutOfSequence() throws Exception {
        command("PLAIN " + base64("\0alice@example.com\0" + TestMailSystem.PASSWORD));
        assertReply(command("PLAIN " + base64("\0bob@example.com\0" + TestMailSystem.PASSWORD)), Replies.ALREADY_AUTHENTICATED);

        SMTPSession other = new FakeTransport("192.0.2.8", true).session();
        other.setAttachment(SMTPSession.SENDER, MaybeSender.nullSender(), State.Transaction);
        assertReply(auth.onCommand(other, new BaseRequest("AUTH", "LOGIN")), Replies.AUTH_IN_TRANSACTION);
    }

    private Response command(String argument) {
        return auth.onCommand(session, new BaseRequest("AUTH", argument.isEmpty() ? null : argument));
    }

    @SuppressWarnings("unchecked")
    private Response answer(String line) {
        LineHandler<ProtocolSession> handler = (LineHandler<ProtocolSession>) transport.lineHandlers
                .get(transport.lineHandlers.size() - 1);
        return handler.onLine(session, (line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertReply(Response response, Reply reply) {
        assertThat(response.getLines()).containsExactly(reply.line());
    }
}
