package org.postroom.storage.message;

import java.nio.charset.StandardCharsets;

/**
 * A stored message's header section, read without its body: the start of its first chunk up to
 * the empty line that ends the header section, at most {@link #LIMIT} bytes. Lists (the
 * quarantine, the digest, a user's mail on the server) show Subject, From and Date from it.
 */
public final class MessageHead {

    /** How much of a message's beginning is read for its header section. */
    public static final int LIMIT = 64 * 1024;

    private MessageHead() {
    }

    /**
     * An SQL select-list item named {@code head}: the header section's bytes (with the CRLF CRLF
     * that ends it, when found within the limit) of the message whose id is the column {@code
     * messageId}.
     */
    public static String column(String messageId) {
        return """
                (select substring(c.data from 1 for least(%1$d,
                        coalesce(nullif(position('\\x0d0a0d0a'::bytea in c.data), 0) + 3, %1$d)))
                   from message_chunk c where c.message_id = %2$s and c.seq = 0) as head
                """.formatted(LIMIT, messageId);
    }

    /**
     * The text up to the empty line that ends the header section (RFC 5322 §2.1), bare LF
     * tolerated; "" for no bytes (null).
     */
    public static String text(byte[] head) {
        String text = head == null ? "" : new String(head, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        return end < 0 ? text : text.substring(0, end);
    }
}
