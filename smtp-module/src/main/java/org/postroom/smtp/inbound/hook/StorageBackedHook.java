package org.postroom.smtp.inbound.hook;

import java.util.function.Supplier;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.StorageFullException;
import org.postroom.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a database failure during a policy check becomes a temporary SMTP failure:
 * the client is told to try again later (451 4.3.0 unless the subclass names another reply; 452
 * 4.3.1 when the database lacks the resources, its disk full), the failure is logged once, and
 * nothing was committed (storage-module's promise).
 */
public abstract class StorageBackedHook {

    private static final Logger log = LoggerFactory.getLogger(StorageBackedHook.class);

    /**
     * Runs {@code policy}; a {@link StorageFullException} becomes {@link Replies#SYSTEM_FULL}, any
     * other {@link StorageUnavailableException} {@link #storageFailureReply()}.
     */
    protected final HookResult withStorage(SMTPSession session, String action, Supplier<HookResult> policy) {
        try {
            return policy.get();
        } catch (StorageUnavailableException e) {
            Reply reply = e instanceof StorageFullException ? Replies.SYSTEM_FULL : storageFailureReply();
            log.warn("session {}: storage unavailable to {}, answered {}: {}", session.getSessionID(), action,
                    reply.line(), e.getMessage());
            return Verdicts.of(reply);
        }
    }

    /** What the client hears when the database fails: 451 4.3.0 unless a protocol says otherwise. */
    protected Reply storageFailureReply() {
        return Replies.TRY_LATER;
    }
}
