package org.postroom.smtp.inbound.hook;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.postroom.listener.ReplyDelay;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Refused;
import org.postroom.storage.directory.LoginResult.Scope;
import org.postroom.storage.directory.LoginResult.Throttled;

/**
 * Checks an AUTH PLAIN or LOGIN password through the login pipeline that POP3 and the web login
 * share, and answers (RFC 4954 §6): 235 2.7.0 and the right to relay for a right password; 535
 * 5.7.8 for a wrong one; 421 4.7.0 and the end of the session for a client with too many recent
 * failures, and 454 4.7.0 with the wait for an account that takes one attempt at a time, both
 * without a password check; 454 4.7.0 when the database cannot be asked.
 *
 * <p>The 535 leaves after the delay the pipeline gives with the refusal: {@code
 * postroom.auth.failure-delay} times the client's failures in the window, this one counted (at
 * most ten times; none for an exempt network). The listener holds the reply that long ({@link
 * ReplyDelay}, on the event loop's timer), not this hook's thread.
 */
public final class PasswordAuthHook implements AuthHook {

    private static final AttachmentKey<AuthenticatedUser> USER =
            AttachmentKey.of("postroom.authenticated-user", AuthenticatedUser.class);

    private final LoginAttempts<AuthenticatedUser> logins;

    public PasswordAuthHook(LoginAttempts<AuthenticatedUser> logins) {
        this.logins = logins;
    }

    /** The user this session authenticated as, if it did. */
    public static Optional<AuthenticatedUser> user(SMTPSession session) {
        return session.getAttachment(USER, State.Connection);
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        LoginResult<AuthenticatedUser> result = logins.attempt(session.getRemoteAddress().getAddress(),
                username.asString(), password);
        if (result instanceof Accepted<AuthenticatedUser> accepted) {
            AuthenticatedUser user = accepted.account();
            session.setUsername(Username.of(user.address()));
            session.setRelayingAllowed(true);
            session.setAttachment(USER, user, State.Connection);
            return Verdicts.of(Replies.AUTH_SUCCEEDED);
        }
        if (result instanceof Refused<AuthenticatedUser> refused) {
            ReplyDelay.delayNextReply(session, refused.delay());
            return Verdicts.of(Replies.AUTH_FAILED);
        }
        if (result instanceof Throttled<AuthenticatedUser> throttled) {
            return throttled.scope() == Scope.CLIENT ? Verdicts.of(Replies.TOO_MANY_AUTH_FAILURES)
                    : Verdicts.of(Replies.ACCOUNT_WAITS.withText(
                            Replies.ACCOUNT_WAITS.text() + " in " + throttled.retryAfterSeconds() + " s"));
        }
        return Verdicts.of(Replies.AUTH_UNAVAILABLE);
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
