package org.postroom.admin.quarantine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.api.PageView;
import org.postroom.storage.NotFoundException;
import org.postroom.storage.message.MessageHead;
import org.postroom.storage.quarantine.HeldMessage;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.quarantine.UserQuarantine;
import org.springframework.stereotype.Component;

/** The reads the quarantine pages (the administrators' and the users' own) and the quarantine API share. */
@Component
class QuarantineView {

    /** How much of a held message's body the detail shows. */
    static final int BODY_PREVIEW = 16 * 1024;

    private final Quarantine quarantine;
    private final UserQuarantine own;
    private final DomainAccess access;

    QuarantineView(Quarantine quarantine, UserQuarantine own, DomainAccess access) {
        this.quarantine = quarantine;
        this.own = own;
        this.access = access;
    }

    /**
     * Held messages, only those with a recipient at {@code domain} when one is given, and for a
     * domain administrator only those for their domains alone.
     */
    PageView<HeldMessageView> page(String domain, int page, int size) {
        PageView.requireValid(page, size);
        return PageView.of(quarantine.list(domain, access.within(), page, size), HeldMessageView::of);
    }

    /** The held messages that wait for {@code address}'s decision. */
    PageView<OwnHeldMessage> ownPage(String address, int page, int size) {
        PageView.requireValid(page, size);
        return PageView.of(own.list(address, page, size), OwnHeldMessage::of);
    }

    /**
     * One of {@code address}'s held messages with what they may read of it.
     *
     * @throws NotFoundException when it is not theirs (or not held, or they decided on it): the
     *         same answer whether it exists or not
     */
    OwnHeldMessageDetail ownDetail(String address, long id) {
        HeldMessage message = own.find(address, id)
                .orElseThrow(() -> new NotFoundException("no held message " + id + " for you"));
        return new OwnHeldMessageDetail(OwnHeldMessage.of(message),
                MessagePreview.of(own.content(message), message.size()));
    }

    /** @throws NotFoundException when the message was never held, was deleted or expired */
    HeldMessageDetail detail(long id) {
        HeldMessage message = quarantine.find(id)
                .orElseThrow(() -> new NotFoundException("no held message " + id + ": it was deleted or expired"));
        byte[] start = start(message);
        int bodyStart = bodyStart(start);
        int bodyLength = Math.min(BODY_PREVIEW, start.length - bodyStart);
        return new HeldMessageDetail(HeldMessageView.of(message), message.header(),
                new String(start, bodyStart, bodyLength, StandardCharsets.UTF_8),
                message.size() > bodyStart + bodyLength);
    }

    /** The message's first bytes: enough for a full header section and the body preview. */
    private byte[] start(HeldMessage message) {
        try (InputStream content = quarantine.content(message)) {
            return content.readNBytes(MessageHead.LIMIT + BODY_PREVIEW);
        } catch (IOException e) {
            throw new UncheckedIOException("read held message " + message.id(), e);
        }
    }

    /** Just after the empty line that ends the header section; the end when there is none. */
    private static int bodyStart(byte[] message) {
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && message[i + 1] == '\n') {
                return i + 2;
            }
            if (message[i] == '\n' && message[i + 1] == '\r' && i + 2 < message.length && message[i + 2] == '\n') {
                return i + 3;
            }
        }
        return message.length;
    }
}
