package org.postroom.smtp.inbound.checks;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.inbound.hook.StorageBackedHook;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One check of a received message at the end of DATA, on the listener's hook thread, with the
 * message read from the spool: it declines (the next check, and finally the commit, go on) or
 * refuses the message. A spooled copy that cannot be read, or a database that fails, is a 451 and
 * nothing is stored; the client retries.
 */
abstract class CheckHook extends StorageBackedHook implements MessageHook {

    private static final Logger log = LoggerFactory.getLogger(CheckHook.class);

    private final String action;

    /** {@code action} names the check in a log line, e.g. "verify DKIM signatures". */
    CheckHook(String action) {
        this.action = action;
    }

    @Override
    public final HookResult onMessage(SMTPSession session, MailEnvelope message) {
        try {
            return withStorage(session, action, () -> {
                try {
                    return check(session, message, MessageAuthentication.in(session));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            log.warn("session {}: could not read the spooled message to {}, answered {}: {}", session.getSessionID(),
                    action, Replies.TRY_LATER.line(), e.getCause().toString());
            return Verdicts.of(Replies.TRY_LATER);
        }
    }

    /** The envelope sender of {@code message} for a log line: printable, "" for the null sender. */
    static String sender(MailEnvelope message) {
        return message.getMaybeSender().isNullSender() ? "" : Printable.of(message.getMaybeSender().asString());
    }

    /** Checks {@code message}, recording what it found in {@code findings}. */
    abstract HookResult check(SMTPSession session, MailEnvelope message, MessageAuthentication findings)
            throws IOException;
}
