package org.postroom.smtp.inbound.hook;

import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.RecipientResolution;
import org.postroom.storage.directory.RecipientResolution.Deliverable;
import org.postroom.storage.directory.RecipientResolution.Via;

/**
 * Which addresses an authenticated user may send as, in the envelope and in the From: field
 * alike: their own (with or without a {@code +tag}) and every alias that delivers to them. A
 * catch-all does not count: it would let one user send as every address of the domain.
 */
public final class AddressOwnership {

    private final MailDirectory directory;

    public AddressOwnership(MailDirectory directory) {
        this.directory = directory;
    }

    /**
     * True when {@code user} may send as {@code address}.
     *
     * @throws org.postroom.storage.StorageUnavailableException when the directory cannot be read
     */
    public boolean mayUse(AuthenticatedUser user, String address) {
        RecipientResolution resolution = directory.resolve(address);
        return resolution instanceof Deliverable deliverable
                && deliverable.via() != Via.CATCH_ALL
                && deliverable.mailboxes().stream().anyMatch(mailbox -> mailbox.userId() == user.userId());
    }
}
