package org.postroom.pop3.maildrop;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.listener.ReplyDelay;
import org.postroom.pop3.reply.Replies;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.LoginAttempts;
import org.postroom.storage.directory.LoginResult;
import org.postroom.storage.directory.LoginResult.Accepted;
import org.postroom.storage.directory.LoginResult.Refused;
import org.postroom.storage.directory.LoginResult.Scope;
import org.postroom.storage.directory.LoginResult.Throttled;
import org.postroom.storage.mailbox.MaildropLock;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a full address and a password into an open {@link Maildrop}, for PASS and AUTH PLAIN
 * alike: the login pipeline that SMTP and the web share checks it (client and account throttle,
 * password, failures counted in {@code postroom.auth.failures} tagged {@code protocol=pop3}); then
 * the maildrop lock is taken, the mailbox listed, and the session enters the TRANSACTION state.
 *
 * <p>The session's user name is set only here, after the password was verified (James's own
 * USER command sets it before). Replies carry RFC 2449/3206 response codes so that a client can
 * tell a wrong password ({@code [AUTH]}, ask the user) from a busy maildrop ({@code [IN-USE]})
 * and a wait or a server problem ({@code [SYS/TEMP]}, try again later). A wrong password is
 * answered after the pipeline's delay, which the listener holds ({@link ReplyDelay}).
 */
public final class MaildropLogin {

    /** Failed logins of this connection, for the session log line. */
    public static final AttachmentKey<Integer> FAILED_LOGINS = AttachmentKey.of("postroom.failedLogins", Integer.class);

    private static final Logger log = LoggerFactory.getLogger(MaildropLogin.class);

    private final LoginAttempts<AuthenticatedUser> logins;
    private final MaildropLocks locks;
    private final Mailboxes mailboxes;
    private final boolean allowPlaintextAuth;

    public MaildropLogin(LoginAttempts<AuthenticatedUser> logins, MaildropLocks locks, Mailboxes mailboxes,
            boolean allowPlaintextAuth) {
        this.logins = logins;
        this.locks = locks;
        this.mailboxes = mailboxes;
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    /** True when this session may send a password: over TLS, or where the operator allows plaintext. */
    public boolean mayLogIn(POP3Session session) {
        return allowPlaintextAuth || session.isTLSStarted();
    }

    /** Logs in and opens the maildrop, or answers why not; the session is back at the start of AUTHORIZATION then. */
    Response logIn(POP3Session session, String address, String password) {
        SessionState.enter(session, new SessionState.Authorization());
        LoginResult<AuthenticatedUser> result = logins.attempt(session.getRemoteAddress().getAddress(), address, password);
        if (result instanceof Accepted<AuthenticatedUser> accepted) {
            return open(session, accepted.account());
        }
        if (result instanceof Refused<AuthenticatedUser> refused) {
            countFailure(session);
            ReplyDelay.delayNextReply(session, refused.delay());
            return Replies.AUTH_FAILED;
        }
        if (result instanceof Throttled<AuthenticatedUser> throttled) {
            countFailure(session);
            return throttled.scope() == Scope.CLIENT ? Replies.CLIENT_THROTTLED
                    : Replies.accountThrottled(throttled.retryAfterSeconds());
        }
        return Replies.STORAGE_UNAVAILABLE;
    }

    private Response open(POP3Session session, AuthenticatedUser user) {
        try {
            Optional<MaildropLock> lock = locks.tryLock(user.inboxId());
            if (lock.isEmpty()) {
                return Replies.MAILDROP_IN_USE;
            }
            Maildrop maildrop = Maildrop.open(mailboxes, lock.get());
            SessionState.enter(session, new SessionState.Transaction(maildrop));
            session.setUsername(Username.of(user.address()));
            return Replies.loggedIn(maildrop.count(), maildrop.octets());
        } catch (StorageUnavailableException e) {
            log.warn("pop3 maildrop of {} not opened: {}", user.address(), e.getMessage());
            return Replies.STORAGE_UNAVAILABLE;
        }
    }

    private static void countFailure(POP3Session session) {
        int failures = session.getAttachment(FAILED_LOGINS, State.Connection).orElse(0);
        session.setAttachment(FAILED_LOGINS, failures + 1, State.Connection);
    }
}
