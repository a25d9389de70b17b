package org.postroom.admin.autoconfig;

/** One way to reach the server from a mail client: protocol, host, port and how TLS starts. */
public record MailServer(Protocol protocol, String hostname, int port, Security security) {

    public enum Protocol {
        POP3, SMTP
    }

    public enum Security {
        /** TLS from the first byte (RFC 8314): ports 995 and 465. */
        IMPLICIT_TLS("SSL/TLS"),
        /** Plain text until the client asks for TLS (STLS, STARTTLS): ports 110 and 587. */
        STARTTLS("STARTTLS");

        private final String label;

        Security(String label) {
            this.label = label;
        }

        /** The name mail clients' settings dialogs use. */
        public String label() {
            return label;
        }
    }
}
