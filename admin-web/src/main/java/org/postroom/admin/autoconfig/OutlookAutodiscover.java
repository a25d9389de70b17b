package org.postroom.admin.autoconfig;

import java.io.IOException;
import java.io.InputStream;

import org.postroom.admin.access.NoDomainData;
import org.postroom.admin.autoconfig.MailServer.Security;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.storage.InvalidInputException;
import org.postroom.storage.directory.Address;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Outlook's autodiscover in the plain-old-XML form ([MS-OXDSCLI]) that Outlook and Thunderbird
 * POST to {@code autodiscover.<domain>/autodiscover/autodiscover.xml}; a GET with
 * {@code ?emailaddress=} answers the same for clients that only ask that way. The answer lists
 * POP3 over TLS on 995 and SMTP on 465 (implicit TLS) and 587 (STARTTLS). In Outlook's words
 * {@code Encryption} {@code SSL} is implicit TLS and {@code TLS} is STARTTLS; {@code SPA} is off
 * because that is Microsoft's NTLM login, which Postroom does not offer.
 */
@RestController
// Outlook has been seen asking with either spelling; paths are case-sensitive here
@RequestMapping(path = { "/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml" },
        produces = MediaType.APPLICATION_XML_VALUE)
@NoDomainData
class OutlookAutodiscover {

    private final ClientDomains domains;
    private final ServerSettings server;

    OutlookAutodiscover(ClientDomains domains, ServerSettings server) {
        this.domains = domains;
        this.server = server;
    }

    @PostMapping
    String discover(InputStream body) throws IOException {
        AutodiscoverRequest request = AutodiscoverRequest.parse(body.readNBytes(AutodiscoverRequest.MAX_BYTES + 1));
        if (!request.acceptsOutlookSchema()) {
            throw new InvalidInputException("only the Outlook response schema " + AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA
                    + " is offered, not " + request.acceptableResponseSchema());
        }
        return settingsFor(domains.ofAddress(request.emailAddress()));
    }

    @GetMapping
    String discover(@RequestParam("emailaddress") String emailAddress) {
        return settingsFor(domains.ofAddress(emailAddress));
    }

    private String settingsFor(Address address) {
        MailClientSetup setup = MailClientSetup.of(server);
        XmlDocument xml = new XmlDocument()
                .open("Autodiscover", "xmlns", "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006")
                .open("Response", "xmlns", AutodiscoverRequest.OUTLOOK_RESPONSE_SCHEMA)
                .open("Account")
                .element("AccountType", "email")
                .element("Action", "settings");
        protocol(xml, setup.incoming().get(0), address);
        setup.outgoing().forEach(smtp -> protocol(xml, smtp, address));
        return xml.close().close().close().toString();
    }

    private static void protocol(XmlDocument xml, MailServer server, Address address) {
        xml.open("Protocol")
                .element("Type", server.protocol().name())
                .element("Server", server.hostname())
                .element("Port", server.port())
                .element("LoginName", address.toString())
                .element("DomainRequired", "off")
                .element("SPA", "off")
                .element("SSL", "on")
                .element("Encryption", server.security() == Security.IMPLICIT_TLS ? "SSL" : "TLS")
                .element("AuthRequired", "on");
        if (server.protocol() == MailServer.Protocol.SMTP) {
            // the same login as for POP3
            xml.element("UsePOPAuth", "on").element("SMTPLast", "off");
        }
        xml.close();
    }
}
