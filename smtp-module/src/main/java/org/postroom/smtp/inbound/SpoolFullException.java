package org.postroom.smtp.inbound;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A message could not be spooled because the spool's file system is full (or the quota of the
 * user Postroom runs as is used up): {@link SpoolFailureHook} answers 452 4.3.1, and the next
 * message is taken as soon as there is room again.
 */
final class SpoolFullException extends IOException {

    SpoolFullException(Path directory, IOException cause) {
        super("no space left for the spool " + directory + ": " + cause.getMessage(), cause);
    }
}
