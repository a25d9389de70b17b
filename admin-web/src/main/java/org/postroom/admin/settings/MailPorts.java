package org.postroom.admin.settings;

/**
 * The mail listeners' ports.
 *
 * @param smtp MX, where other servers deliver (plain, STARTTLS offered)
 * @param submission mail clients' submission with STARTTLS (RFC 6409)
 * @param smtps mail clients' submission over implicit TLS (RFC 8314)
 * @param pop3 POP3 with STLS (RFC 2595)
 * @param pop3s POP3 over implicit TLS (RFC 8314)
 */
public record MailPorts(int smtp, int submission, int smtps, int pop3, int pop3s) {
}
