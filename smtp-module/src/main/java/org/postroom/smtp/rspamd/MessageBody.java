package org.postroom.smtp.rspamd;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message to send to rspamd: opened as often as it is sent, {@code size} bytes long (the HTTP
 * Content-Length).
 */
public interface MessageBody {

    /** A new stream over the whole message, from its first byte. */
    InputStream open() throws IOException;

    /** How many bytes {@link #open} gives. */
    long size();
}
