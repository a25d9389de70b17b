package org.postroom.smtp.inbound.hook;

import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.postroom.smtp.reply.Replies;
import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.MailDirectory;

/**
 * Submission: the authenticated user may send only as an address they own ({@link
 * AddressOwnership}: their own, with or without a {@code +tag}, or an alias that delivers to them);
 * any other envelope sender gets 553 5.7.1 (RFC 6409 §6.1 lets the submission server enforce this).
 *
 * <p>The null sender {@code <>} is allowed, because read receipts (RFC 8098 §2.1) are sent with it
 * and it impersonates no one. Must run after {@link AuthRequiredHook}.
 */
public final class SenderOwnershipHook extends StorageBackedHook implements MailHook {

    private final AddressOwnership ownership;

    public SenderOwnershipHook(MailDirectory directory) {
        this.ownership = new AddressOwnership(directory);
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (sender.isNullSender()) {
            return HookResult.DECLINED;
        }
        AuthenticatedUser user = PasswordAuthHook.user(session)
                .orElseThrow(() -> new IllegalStateException("SenderOwnershipHook runs only after AuthRequiredHook"));
        return withStorage(session, "check sender ownership", () -> ownership.mayUse(user, sender.asString())
                ? HookResult.DECLINED
                : Verdicts.of(Replies.SENDER_NOT_OWNED));
    }
}
