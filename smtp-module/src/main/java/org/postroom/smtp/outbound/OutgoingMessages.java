package org.postroom.smtp.outbound;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Optional;

import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.smtp.message.FromField;
import org.postroom.smtp.message.FromField.Absent;
import org.postroom.smtp.message.FromField.Authors;
import org.postroom.smtp.message.MessageHeaders;
import org.postroom.storage.directory.Address;
import org.postroom.storage.directory.DomainName;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;

/**
 * Prepares a queued message for sending, in one pass over its stored bytes: the DKIM signature
 * and whether the content is 8-bit. The bytes themselves are read again from storage for each
 * transaction, so no message is ever held whole in memory.
 *
 * <p>A signature says that the signing domain vouches for the message, so only what Postroom can
 * vouch for is signed, by its origin: mail a user submitted (whose From: submission checked
 * against the user) with the key of its From: domain, or of the envelope sender's domain when it
 * has no From:;
 * mail Postroom wrote (DSNs, from {@code MAILER-DAEMON@<hostname>}) with the key of the From:
 * domain or of the nearest domain above it that is ours, which DMARC's relaxed alignment accepts.
 * Mail received from the internet, forwarded by an alias, is never signed: a stranger's
 * {@code From: ceo@<our domain>} would otherwise leave with our valid signature.
 */
final class OutgoingMessages {

    private final DeliveryQueue queue;
    private final MessageSigner signer;

    OutgoingMessages(DeliveryQueue queue, MessageSigner signer) {
        this.queue = queue;
        this.signer = signer;
    }

    OutgoingMessage prepare(QueueEntry entry) throws IOException {
        try (InputStream stored = queue.content(entry)) {
            byte[] header = MessageHeaders.read(stored);
            EightBitScan content = new EightBitScan(new SequenceInputStream(new ByteArrayInputStream(header), stored));
            Optional<String> signature = signer.signature(signingDomains(entry, header), content);
            content.transferTo(OutputStream.nullOutputStream());
            return new OutgoingMessage(signature.orElse(""), content.eightBit, () -> queue.content(entry));
        }
    }

    /** The domains whose key may sign the message, best first; empty when it must go out unsigned. */
    private static List<String> signingDomains(QueueEntry entry, byte[] header) {
        FromField from = FromField.of(header);
        return switch (entry.origin()) {
            case SUBMITTED -> from instanceof Authors authors ? List.of(authors.domain())
                    : from instanceof Absent && !entry.sender().isEmpty() ? List.of(Address.of(entry.sender()).domain())
                    : List.of();
            case GENERATED -> from instanceof Authors authors ? DomainName.withParents(authors.domain()) : List.of();
            // forwarded from the internet: not ours to vouch for
            case RECEIVED -> List.of();
        };
    }

    /** Notes whether any byte above 127 passed. */
    private static final class EightBitScan extends FilterInputStream {
        boolean eightBit;

        EightBitScan(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            eightBit |= b > 127;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = offset; i < offset + n && !eightBit; i++) {
                eightBit = buffer[i] < 0;
            }
            return n;
        }
    }
}
