package org.postroom.pop3.maildrop;

import java.net.InetAddress;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.listener.ReplyDelay;
import org.postroom.storage.StorageUnavailableException;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.mailbox.MaildropLock;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns a full address and a password into an open {@link Maildrop}, for PASS and AUTH PLAIN
 * alike: refuse an IP the shared {@link LoginThrottle} blocks, verify the password, take the
 * maildrop lock, list the mailbox, enter the TRANSACTION state.
 *
 * <p>The session's user name is set only here, after the password was verified (James's own
 * USER command sets it before). Replies carry RFC 2449/3206 response codes so that a client can
 * tell a wrong password ({@code [AUTH]}, ask the user) from a busy maildrop ({@code [IN-USE]})
 * and a server problem ({@code [SYS/TEMP]}, try again later). Refused logins (wrong password, or
 * the IP throttled) count in {@code postroom.auth.failures} tagged {@code protocol=pop3}.
 */
public final class MaildropLogin {

    /** Failed logins of this connection, for the session log line. */
    public static final AttachmentKey<Integer> FAILED_LOGINS = AttachmentKey.of("postroom.failedLogins", Integer.class);

    /** RFC 2595 §2.2 spirit: never take a password in the clear unless the operator allows it. */
    static final Response PLAINTEXT_REFUSED = error(
            "[AUTH] Plaintext authentication is disallowed without TLS; use STLS first or port 995");
    static final Response AUTH_FAILED = error("[AUTH] Invalid login or password");
    static final Response IP_BLOCKED = error("[SYS/TEMP] Too many failed logins from your address; try again later");
    /** RFC 2449 §8.1.2: another session holds the maildrop. */
    static final Response IN_USE = error("[IN-USE] Maildrop already in use by another session");
    static final Response STORAGE_UNAVAILABLE = error("[SYS/TEMP] Mail storage is unavailable; try again later");

    private static final Logger log = LoggerFactory.getLogger(MaildropLogin.class);

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final MaildropLocks locks;
    private final Mailboxes mailboxes;
    private final boolean allowPlaintextAuth;
    private final Counter failures;

    public MaildropLogin(Authenticator authenticator, LoginThrottle throttle, MaildropLocks locks, Mailboxes mailboxes,
            boolean allowPlaintextAuth, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.locks = locks;
        this.mailboxes = mailboxes;
        this.allowPlaintextAuth = allowPlaintextAuth;
        this.failures = Counter.builder("postroom.auth.failures")
                .description("logins refused: wrong password, or the IP is throttled")
                .tag("protocol", "pop3").register(meters);
    }

    /** True when this session may send a password: over TLS, or where the operator allows plaintext. */
    public boolean mayLogIn(POP3Session session) {
        return allowPlaintextAuth || session.isTLSStarted();
    }

    /** Logs in and opens the maildrop, or answers why not; the session stays in AUTHORIZATION then. */
    Response logIn(POP3Session session, String address, String password) {
        session.setHandlerState(POP3Session.AUTHENTICATION_READY);
        InetAddress ip = session.getRemoteAddress().getAddress();
        try {
            if (throttle.isBlocked(ip)) {
                countFailure(session);
                return IP_BLOCKED;
            }
            Optional<AuthenticatedUser> user = authenticator.verify(address, password);
            if (user.isEmpty()) {
                countFailure(session);
                ReplyDelay.delayNextReply(session, throttle.delayAfterFailure(ip));
                return AUTH_FAILED;
            }
            Optional<MaildropLock> lock = locks.tryLock(user.get().inboxId());
            if (lock.isEmpty()) {
                return IN_USE;
            }
            Maildrop maildrop = Maildrop.open(mailboxes, lock.get());
            session.setUserMailbox(maildrop);
            session.setUsername(Username.of(user.get().address()));
            session.setHandlerState(POP3Session.TRANSACTION);
            return new POP3Response(POP3Response.OK_RESPONSE,
                    "Logged in, " + maildrop.count() + " messages (" + maildrop.octets() + " octets)");
        } catch (StorageUnavailableException e) {
            log.warn("pop3 login of {} from {} failed: {}", address, ip.getHostAddress(), e.getMessage());
            return STORAGE_UNAVAILABLE;
        }
    }

    private void countFailure(POP3Session session) {
        this.failures.increment();
        int failures = session.getAttachment(FAILED_LOGINS, State.Connection).orElse(0);
        session.setAttachment(FAILED_LOGINS, failures + 1, State.Connection);
    }

    static Response error(String text) {
        return new POP3Response(POP3Response.ERR_RESPONSE, text).immutable();
    }
}
