package org.postroom.admin.autoconfig;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.autoconfig.MailServer.Security;
import org.postroom.admin.settings.ServerSettings;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Thunderbird's autoconfiguration document ({@code config-v1.1.xml}), which Thunderbird fetches
 * from {@code autoconfig.<domain>/mail/} and {@code <domain>/.well-known/autoconfig/mail/} with
 * {@code ?emailaddress=}. Format: the Thunderbird wiki's ConfigFileFormat, as read by
 * Thunderbird's readFromXML: socket types {@code SSL} and {@code STARTTLS}, authentication
 * {@code password-cleartext} (safe inside TLS), the user name as the {@code %EMAILADDRESS%}
 * placeholder.
 */
@RestController
@NoDomainData
class ThunderbirdAutoconfig {

    private final ClientDomains domains;
    private final ServerSettings server;

    ThunderbirdAutoconfig(ClientDomains domains, ServerSettings server) {
        this.domains = domains;
        this.server = server;
    }

    @GetMapping(path = { "/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml" },
            produces = MediaType.APPLICATION_XML_VALUE)
    String config(@RequestParam(name = "emailaddress", required = false) String emailAddress,
            HttpServletRequest request) {
        // Thunderbird sends the address; without one, the host it asked (autoconfig.<domain>) names the domain
        String domain = emailAddress == null ? domains.ofHost(request.getServerName()).name()
                : domains.ofAddress(emailAddress).domain();
        MailClientSetup setup = MailClientSetup.of(server);
        XmlDocument xml = new XmlDocument().open("clientConfig", "version", "1.1")
                .open("emailProvider", "id", domain)
                .element("domain", domain)
                .element("displayName", domain + " mail")
                .element("displayShortName", domain);
        setup.incoming().forEach(pop3 -> serverElement(xml, "incomingServer", "pop3", pop3));
        setup.outgoing().forEach(smtp -> serverElement(xml, "outgoingServer", "smtp", smtp));
        return xml.close().close().toString();
    }

    private static void serverElement(XmlDocument xml, String element, String type, MailServer server) {
        xml.open(element, "type", type)
                .element("hostname", server.hostname())
                .element("port", server.port())
                .element("socketType", server.security() == Security.IMPLICIT_TLS ? "SSL" : "STARTTLS")
                .element("authentication", "password-cleartext")
                .element("username", "%EMAILADDRESS%")
                .close();
    }
}
