package org.postroom.smtp.inbound.hook;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Via;

/**
 * Submission: the authenticated user may send only as their own address (with or without a
 * {@code +tag}) or as an alias that delivers to them; any other envelope sender gets 553 5.7.1
 * (RFC 6409 §6.1 lets the submission server enforce this). A catch-all does not count: it would
 * let one user send as every address of the domain.
 *
 * <p>The null sender {@code <>} is allowed, because read receipts (RFC 8098 §2.1) are sent with it
 * and it impersonates no one. Must run after {@link AuthRequiredHook}.
 */
public final class SenderOwnershipHook extends StorageBackedHook implements MailHook {

    private final MailDirectory directory;

    public SenderOwnershipHook(MailDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        AuthenticatedUser user = PasswordAuthHook.user(session)
                .orElseThrow(() -> new IllegalStateException("SenderOwnershipHook runs only after AuthRequiredHook"));
        return withStorage(session, "check sender ownership", () -> owns(user, directory.resolve(sender.asString()))
                ? HookResult.DECLINED
                : Verdicts.of(Replies.SENDER_NOT_OWNED));
    }

    private static boolean owns(AuthenticatedUser user, RecipientResolution resolution) {
        return resolution instanceof Deliverable deliverable
                && deliverable.via() != Via.CATCH_ALL
                && deliverable.mailboxes().stream().anyMatch(mailbox -> mailbox.userId() == user.userId());
    }
}
