package org.postroom.listener;

import java.util.Objects;

/**
 * The lines the listener itself sends, outside the protocol's handler chain, each right before it
 * closes the connection. They are protocol-specific, so the protocol module supplies them; the
 * listener adds CRLF. Typical values: SMTP {@code 421 4.7.0 <host> Too many connections, try again
 * later} (RFC 5321 §3.8, RFC 3463), POP3 {@code -ERR [SYS/TEMP] Too many connections} (RFC 3206).
 *
 * @param tooManyConnections            when the listener's connection limit is reached
 * @param tooManyConnectionsFromAddress when the client's address already holds its share
 * @param idleTimeout                   when the client sent nothing for the idle timeout
 * @param commandTimeout                when the client took longer than the command timeout to
 *                                      complete a line it had begun
 * @param dataTooSlow                   when data (SMTP's message after 354) arrived slower than
 *                                      the minimum rate; never sent by a protocol that opens no
 *                                      {@link DataPhase}
 * @param shuttingDown                  when the listener is unbound with the connection still open
 * @param pipelinedAfterStartTls        when the client sent more after STARTTLS/STLS without
 *                                      waiting for its reply (RFC 3207 §4.2, RFC 2595 §4): what it
 *                                      sent is never executed; never sent by a listener without
 *                                      STARTTLS
 */
public record ListenerReplies(String tooManyConnections, String tooManyConnectionsFromAddress,
                              String idleTimeout, String commandTimeout, String dataTooSlow,
                              String shuttingDown, String pipelinedAfterStartTls) {

    public ListenerReplies {
        requireLine(tooManyConnections, "tooManyConnections");
        requireLine(tooManyConnectionsFromAddress, "tooManyConnectionsFromAddress");
        requireLine(idleTimeout, "idleTimeout");
        requireLine(commandTimeout, "commandTimeout");
        requireLine(dataTooSlow, "dataTooSlow");
        requireLine(shuttingDown, "shuttingDown");
        requireLine(pipelinedAfterStartTls, "pipelinedAfterStartTls");
    }

    /** One printable ASCII line: a CR or LF inside would let the text forge a second reply. */
    private static void requireLine(String reply, String name) {
        Objects.requireNonNull(reply, name);
        if (reply.isBlank() || !reply.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(name + " must be one non-blank line of printable ASCII: " + reply);
        }
    }
}
