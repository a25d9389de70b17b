package org.postroom.smtp.outbound;

/** How the SMTP client protects a connection. */
public enum TlsMode {
    /** Plain text only; for a relay on a trusted network. */
    NONE,
    /**
     * STARTTLS whenever the server offers it, any certificate accepted (RFC 7435: encryption
     * against passive listeners, as MX servers rarely have certificates that verify for their
     * MX name). A failed handshake ends the attempt; it is never continued in plain text.
     */
    OPPORTUNISTIC,
    /** STARTTLS required, certificate verified against the JDK's trust store and the host name. */
    STARTTLS,
    /** TLS from the first byte (SMTPS, port 465), certificate verified. */
    IMPLICIT
}
