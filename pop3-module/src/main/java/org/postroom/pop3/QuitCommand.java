package org.postroom.pop3;

import java.io.IOException;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.postroom.pop3.maildrop.SessionState;
import org.postroom.pop3.reply.Replies;
import org.postroom.storage.StorageFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QUIT (RFC 1939 §6): in TRANSACTION it enters UPDATE and removes the marked messages in one
 * transaction; if that fails (database down or its disk full, maildrop lock lost) nothing is
 * removed and the client is told with -ERR [SYS/TEMP] and why. Either way the maildrop lock is released and the connection closed.
 */
final class QuitCommand extends Pop3Command {

    private static final Logger log = LoggerFactory.getLogger(QuitCommand.class);

    QuitCommand() {
        super("QUIT");
    }

    @Override
    public Response onCommand(POP3Session session, Request request) {
        SessionRecord record = SessionRecord.of(session);
        if (!(SessionState.of(session) instanceof SessionState.Transaction transaction)) {
            record.outcome(SessionRecord.Outcome.QUIT);
            return Replies.SIGN_OFF;
        }
        try {
            int removed = transaction.maildrop().expungeMarked();
            record.deleted(removed);
            record.outcome(SessionRecord.Outcome.QUIT);
            return Replies.signOff(removed);
        } catch (IOException e) {
            log.warn("pop3 QUIT of {} removed nothing: {}", SessionLog.user(session), e.getMessage());
            record.outcome(SessionRecord.Outcome.DELETIONS_FAILED);
            return e.getCause() instanceof StorageFullException ? Replies.DELETIONS_FAILED_STORAGE_FULL
                    : Replies.DELETIONS_FAILED;
        } finally {
            transaction.maildrop().close();
        }
    }
}
