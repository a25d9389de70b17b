package org.postroom.admin.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Thunderbird's autoconfig and Outlook's autodiscover documents, fetched as the clients fetch them
 * (no login) and checked against what their readers accept: Thunderbird's readFromXML (element
 * names, socketType SSL/plain/STARTTLS, authentication values, username required for password
 * logins) and [MS-OXDSCLI]'s POX response (namespaces, Account/Protocol elements).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ClientConfigurationTest {

    private static final String OUTLOOK_REQUEST = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
              <Request>
                <EMailAddress>%s</EMailAddress>
                <AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>
              </Request>
            </Autodiscover>
            """;
    private static final Set<String> THUNDERBIRD_SOCKET_TYPES = Set.of("plain", "SSL", "STARTTLS");
    private static final Set<String> THUNDERBIRD_AUTHENTICATIONS = Set.of("password-cleartext", "password-encrypted",
            "plain", "secure", "GSSAPI", "NTLM", "OAuth2");

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;

    private WebVisitor client;

    @BeforeEach
    void createDomain() {
        client = WebVisitor.anonymous(port);
        if (domains.find("autoconfig.example").isEmpty()) {
            domains.create("autoconfig.example");
        }
    }

    @Test
    void thunderbirdGetsPop3AndSmtpWithTheServersHostName() throws Exception {
        for (String path : List.of("/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml")) {
            HttpResponse<String> response = client.get(path + "?emailaddress=alice%40autoconfig.example");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/xml"));

            Element provider = child(parse(response.body()).getDocumentElement(), "emailProvider");
            assertThat(parse(response.body()).getDocumentElement().getTagName()).isEqualTo("clientConfig");
            assertThat(provider.getAttribute("id")).isEqualTo("autoconfig.example");
            assertThat(text(provider, "domain")).isEqualTo("autoconfig.example");
            List<Element> incoming = children(provider, "incomingServer");
            List<Element> outgoing = children(provider, "outgoingServer");
            assertThat(incoming).extracting(s -> s.getAttribute("type")).containsOnly("pop3");
            assertThat(outgoing).extracting(s -> s.getAttribute("type")).containsOnly("smtp");
            assertThat(incoming).extracting(s -> text(s, "port") + " " + text(s, "socketType"))
                    .containsExactly("995 SSL", "110 STARTTLS");
            assertThat(outgoing).extracting(s -> text(s, "port") + " " + text(s, "socketType"))
                    .containsExactly("465 SSL", "587 STARTTLS");
            for (Element server : concat(incoming, outgoing)) {
                assertThat(text(server, "hostname")).isEqualTo("mail.example.net");
                assertThat(THUNDERBIRD_SOCKET_TYPES).contains(text(server, "socketType"));
                assertThat(THUNDERBIRD_AUTHENTICATIONS).contains(text(server, "authentication"));
                assertThat(text(server, "username")).isEqualTo("%EMAILADDRESS%");
            }
        }
    }

    @Test
    void thunderbirdAskingTheAutoconfigHostGetsThatDomain() throws Exception {
        // Java's HTTP client may not set Host, so this request is written by hand (HTTP/1.0: no chunks)
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /mail/config-v1.1.xml HTTP/1.0\r\nHost: autoconfig.autoconfig.example\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).matches("(?s)HTTP/1\\.[01] 200 .*");
            String body = response.substring(response.indexOf("<?xml"));
            assertThat(text(child(parse(body).getDocumentElement(), "emailProvider"), "domain")).isEqualTo("autoconfig.example");
        }
    }

    @Test
    void onlyThisServersDomainsAreDescribed() {
        HttpResponse<String> unknown = client.get("/mail/config-v1.1.xml?emailaddress=alice%40elsewhere.example");
        HttpResponse<String> malformed = client.get("/mail/config-v1.1.xml?emailaddress=not-an-address");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(client.get("/mail/config-v1.1.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void outlookGetsPop3AndSmtpSettingsInThePoxSchema() throws Exception {
        for (String path : List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml")) {
            HttpResponse<String> response = client.post(path, "text/xml", OUTLOOK_REQUEST.formatted("Bob@autoconfig.example"));
            assertThat(response.statusCode()).as(path).isEqualTo(200);

            Element root = parse(response.body()).getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("Autodiscover");
            assertThat(root.getNamespaceURI()).isEqualTo("http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006");
            Element responseElement = child(root, "Response");
            assertThat(responseElement.getNamespaceURI())
                    .isEqualTo("http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a");
            Element account = child(responseElement, "Account");
            assertThat(text(account, "AccountType")).isEqualTo("email");
            assertThat(text(account, "Action")).isEqualTo("settings");
            List<Element> protocols = children(account, "Protocol");
            assertThat(protocols).extracting(p -> text(p, "Type") + " " + text(p, "Port") + " " + text(p, "Encryption"))
                    .containsExactly("POP3 995 SSL", "SMTP 465 SSL", "SMTP 587 TLS");
            for (Element protocol : protocols) {
                assertThat(text(protocol, "Server")).isEqualTo("mail.example.net");
                assertThat(text(protocol, "LoginName")).isEqualTo("bob@autoconfig.example");
                assertThat(text(protocol, "SSL")).isEqualTo("on");
                assertThat(text(protocol, "SPA")).isEqualTo("off");
                assertThat(text(protocol, "AuthRequired")).isEqualTo("on");
                assertThat(text(protocol, "DomainRequired")).isEqualTo("off");
            }
        }
    }

    @Test
    void outlookMayAlsoAskWithAGet() throws Exception {
        HttpResponse<String> response = client.get("/autodiscover/autodiscover.xml?emailaddress=carol%40autoconfig.example");

        assertThat(response.statusCode()).isEqualTo(200);
        Element account = child(child(parse(response.body()).getDocumentElement(), "Response"), "Account");
        assertThat(text(children(account, "Protocol").get(0), "LoginName")).isEqualTo("carol@autoconfig.example");
    }

    @Test
    void badAutodiscoverRequestsAreRefused() {
        assertThat(client.post("/autodiscover/autodiscover.xml", "text/xml", "<nonsense").statusCode()).isEqualTo(400);
        assertThat(client.post("/autodiscover/autodiscover.xml", "text/xml", "<Autodiscover/>").statusCode()).isEqualTo(400);
        assertThat(client.post("/autodiscover/autodiscover.xml", "text/xml",
                OUTLOOK_REQUEST.formatted("dave@elsewhere.example")).statusCode()).isEqualTo(404);
        assertThat(client.post("/autodiscover/autodiscover.xml", "text/xml", OUTLOOK_REQUEST
                .formatted("dave@autoconfig.example").replace("outlook/responseschema", "mobilesync/responseschema"))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void anExternalEntityInTheRequestIsNeverResolved() {
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE Autodiscover [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Autodiscover><Request><EMailAddress>&secret;</EMailAddress></Request></Autodiscover>
                """;

        HttpResponse<String> response = client.post("/autodiscover/autodiscover.xml", "text/xml", attack);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("root:");
    }

    @Test
    void anAddressWithMarkupIsEscapedInTheAnswer() throws Exception {
        HttpResponse<String> response = client.get(
                "/autodiscover/autodiscover.xml?emailaddress=" + WebVisitor.encode("o'neil&co@autoconfig.example"));

        assertThat(response.statusCode()).isEqualTo(200);
        Element account = child(child(parse(response.body()).getDocumentElement(), "Response"), "Account");
        assertThat(text(children(account, "Protocol").get(0), "LoginName")).isEqualTo("o'neil&co@autoconfig.example");
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new java.util.ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("exactly one <" + name + "> in <" + parent.getLocalName() + ">").hasSize(1);
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    private static List<Element> concat(List<Element> first, List<Element> second) {
        List<Element> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
