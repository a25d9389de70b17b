package org.postroom.storage.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.postroom.storage.Database;
import org.postroom.storage.StorageUnavailableException;

/**
 * A stored message's bytes as a stream that fetches one chunk at a time, so a reader never holds
 * more than one chunk of a message in memory and never holds a database connection between reads.
 *
 * <p>The expected size comes from the mailbox or queue entry: if chunks disappear half-way (the
 * message was deleted meanwhile) the stream fails with an {@link IOException} rather than ending
 * early, so a truncated message is never mistaken for a whole one.
 */
public final class MessageContent extends InputStream {

    private final Database db;
    private final long messageId;
    private final long size;
    private byte[] chunk = new byte[0];
    private int position;
    private int nextSeq;
    private long delivered;

    /** The bytes of message {@code messageId}, whose stored size is {@code size}; nothing is read yet. */
    public MessageContent(Database db, long messageId, long size) {
        this.db = db;
        this.messageId = messageId;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        if (!ensureChunk()) {
            return -1;
        }
        delivered++;
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!ensureChunk()) {
            return -1;
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, count);
        position += count;
        delivered += count;
        return count;
    }

    @Override
    public int available() {
        return chunk.length - position;
    }

    private boolean ensureChunk() throws IOException {
        while (position == chunk.length) {
            if (delivered >= size) {
                return false;
            }
            chunk = fetch(nextSeq++).orElseThrow(() -> new IOException("message " + messageId
                    + " ended after " + delivered + " of " + size + " bytes: it was deleted meanwhile"));
            position = 0;
        }
        return true;
    }

    private Optional<byte[]> fetch(int seq) throws IOException {
        try {
            return db.run("read message " + messageId, jdbc -> jdbc
                    .sql("select data from message_chunk where message_id = ? and seq = ?")
                    .params(messageId, seq).query(byte[].class).optional());
        } catch (StorageUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
