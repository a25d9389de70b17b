package org.postroom.storage.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A message whose bytes are stored ({@code message} + {@code message_chunk}), whoever will refer to
 * it: mailbox entries, queue entries, or a hold in the quarantine.
 */
public record StoredMessage(long id, long size, String sender, MessageOrigin origin) {

    /** Large enough that typical mail is one chunk, small enough to keep memory per session low. */
    public static final int CHUNK_SIZE = 256 * 1024;

    /**
     * Stores {@code content} chunk by chunk (the common one-chunk message takes a single statement)
     * with the verdicts of the checks it went through. Must run inside the transaction that also
     * adds its references, so that a message nobody refers to is never committed.
     *
     * @throws UncheckedIOException when reading {@code content} fails; the caller rolls back
     */
    public static StoredMessage write(JdbcClient jdbc, String sender, MessageOrigin origin, InputStream content,
            List<MessageCheck> checks) {
        byte[] first = read(content);
        long messageId = jdbc.sql("""
                with m as (insert into message (size, sender, origin) values (?, ?, ?) returning id)
                insert into message_chunk (message_id, seq, data) select id, 0, ? from m returning message_id
                """).params(first.length, sender, origin.column(), first).query(Long.class).single();
        long size = first.length;
        if (first.length == CHUNK_SIZE) {
            size += writeRemainingChunks(jdbc, messageId, content);
            jdbc.sql("update message set size = ? where id = ?").params(size, messageId).update();
        }
        MessageChecks.record(jdbc, messageId, checks);
        return new StoredMessage(messageId, size, sender, origin);
    }

    private static long writeRemainingChunks(JdbcClient jdbc, long messageId, InputStream content) {
        long written = 0;
        for (int seq = 1; ; seq++) {
            byte[] chunk = read(content);
            if (chunk.length == 0) {
                return written;
            }
            jdbc.sql("insert into message_chunk (message_id, seq, data) values (?, ?, ?)")
                    .params(messageId, seq, chunk).update();
            written += chunk.length;
            if (chunk.length < CHUNK_SIZE) {
                return written;
            }
        }
    }

    private static byte[] read(InputStream content) {
        try {
            return content.readNBytes(CHUNK_SIZE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
