package org.postroom.smtp.outbound;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.storage.directory.Address;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueEntry;

/**
 * Prepares a queued message for sending, in one pass over its stored bytes: the DKIM signature
 * (by the From: domain, else the envelope sender's domain, when it is one of ours) and whether
 * the content is 8-bit. The bytes themselves are read again from storage for each transaction,
 * so no message is ever held whole in memory.
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
            Optional<String> signature = signer.signature(signingDomains(header, entry.sender()), content);
            content.transferTo(OutputStream.nullOutputStream());
            return new OutgoingMessage(signature.orElse(""), content.eightBit, () -> queue.content(entry));
        }
    }

    private static List<String> signingDomains(byte[] header, String sender) {
        List<String> domains = new ArrayList<>();
        MessageHeaders.fromDomain(header).ifPresent(domains::add);
        if (!sender.isEmpty()) {
            domains.add(Address.of(sender).domain());
        }
        return domains;
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
