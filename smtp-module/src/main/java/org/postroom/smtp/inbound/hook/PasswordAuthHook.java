package org.postroom.smtp.inbound.hook;

import java.net.InetAddress;
import java.time.Duration;
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
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks an AUTH PLAIN or LOGIN password against the mail directory, through the login throttle
 * that POP3 and the web login share: an IP with too many recent failures gets 421 4.7.0 and the
 * session ends, without its password being checked; a wrong password gets 535 5.7.8 after a
 * delay that grows with the IP's recent failures (RFC 4954 §6). A user who logs in may relay.
 * Both refusals count in {@code postroom.auth.failures} tagged {@code protocol=smtp}.
 *
 * <p>The delay holds this session's hook thread, which is what slows a guesser down; the threads
 * of other sessions are not affected.
 */
public final class PasswordAuthHook extends StorageBackedHook implements AuthHook {

    private static final Logger log = LoggerFactory.getLogger(PasswordAuthHook.class);
    private static final AttachmentKey<AuthenticatedUser> USER =
            AttachmentKey.of("postroom.authenticated-user", AuthenticatedUser.class);

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final Counter failures;

    public PasswordAuthHook(Authenticator authenticator, LoginThrottle throttle, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.failures = Counter.builder("postroom.auth.failures")
                .description("logins refused: wrong password, or the IP is throttled")
                .tag("protocol", "smtp").register(meters);
    }

    /** The user this session authenticated as, if it did. */
    public static Optional<AuthenticatedUser> user(SMTPSession session) {
        return session.getAttachment(USER, State.Connection);
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        return withStorage(session, "check a login", () -> check(session, username.asString(), password));
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }

    @Override
    protected Reply storageFailureReply() {
        return Replies.AUTH_UNAVAILABLE;
    }

    private HookResult check(SMTPSession session, String login, String password) {
        InetAddress ip = session.getRemoteAddress().getAddress();
        if (throttle.isBlocked(ip)) {
            failures.increment();
            log.debug("session {}: AUTH refused for {} from {}: too many recent failures", session.getSessionID(),
                    login, ip.getHostAddress());
            return Verdicts.of(Replies.TOO_MANY_AUTH_FAILURES);
        }
        Optional<AuthenticatedUser> user = authenticator.verify(login, password);
        if (user.isPresent()) {
            session.setUsername(Username.of(user.get().address()));
            session.setRelayingAllowed(true);
            session.setAttachment(USER, user.get(), State.Connection);
            return Verdicts.of(Replies.AUTH_SUCCEEDED);
        }
        failures.increment();
        Duration delay = throttle.delayAfterFailure(ip);
        log.debug("session {}: AUTH failed for {} from {}, answering in {} ms", session.getSessionID(), login,
                ip.getHostAddress(), delay.toMillis());
        ReplyDelay.delayNextReply(session, delay);
        return Verdicts.of(Replies.AUTH_FAILED);
    }
}
