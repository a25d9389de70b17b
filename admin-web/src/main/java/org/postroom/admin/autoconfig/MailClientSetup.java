package org.postroom.admin.autoconfig;

import java.util.List;

import org.postroom.admin.autoconfig.MailServer.Protocol;
import org.postroom.admin.autoconfig.MailServer.Security;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;

/**
 * The servers a mail client is set up with, best first: implicit TLS before STARTTLS, as RFC 8314
 * §3 recommends. Every one requires a login with the full mail address and the password.
 */
public record MailClientSetup(List<MailServer> incoming, List<MailServer> outgoing) {

    public MailClientSetup {
        incoming = List.copyOf(incoming);
        outgoing = List.copyOf(outgoing);
    }

    public static MailClientSetup of(ServerSettings server) {
        String host = server.hostname();
        MailPorts ports = server.ports();
        return new MailClientSetup(
                List.of(new MailServer(Protocol.POP3, host, ports.pop3s(), Security.IMPLICIT_TLS),
                        new MailServer(Protocol.POP3, host, ports.pop3(), Security.STARTTLS)),
                List.of(new MailServer(Protocol.SMTP, host, ports.smtps(), Security.IMPLICIT_TLS),
                        new MailServer(Protocol.SMTP, host, ports.submission(), Security.STARTTLS)));
    }
}
