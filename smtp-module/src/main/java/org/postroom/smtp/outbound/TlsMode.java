package org.postroom.smtp.outbound;

/** How the SMTP client protects a connection. */
public enum TlsMode {
    /** Plain text only; for a relay on a trusted network that takes mail without a login. */
    NONE,
    /**
     * STARTTLS whenever the server offers it, any certificate accepted (RFC 7435: encryption
     * against passive listeners, as MX servers rarely have certificates that verify for their
     * MX name). A failed handshake ends the attempt; it is never continued in plain text. Never
     * used for a hop that logs in (see {@link RelayHost}).
     */
    OPPORTUNISTIC,
    /**
     * STARTTLS required, certificate verified (path to a trusted CA, host name); a server that
     * does not offer it gets neither a login nor a message.
     */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465), certificate verified. */
    IMPLICIT,
    /**
     * An MX host under an MTA-STS policy in enforce mode (RFC 8461 §4.2): STARTTLS required, the
     * certificate verified for the MX host name, while the connection goes to the addresses our
     * resolver found for it, as for any MX host. Never for a relay or a route.
     */
    MTA_STS;

    /** Whether the server's certificate is checked, so that a password may be sent. */
    public boolean verified() {
        return this == STARTTLS || this == IMPLICIT || this == MTA_STS;
    }
}
