package org.postroom.smtp.inbound;

/**
 * The limits and names every inbound listener shares.
 *
 * @param hostname the server's name in the greeting, EHLO reply, Received and Message-ID
 * @param maxMessageSize the largest message in octets, announced with SIZE (RFC 1870)
 * @param maxRecipients recipients per transaction, at least 100 (RFC 5321 §4.5.3.1.8)
 */
public record InboundSettings(String hostname, long maxMessageSize, int maxRecipients) {
}
