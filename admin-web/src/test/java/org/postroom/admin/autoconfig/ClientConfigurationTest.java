package org.postroom.admin.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.FixedServerSettings;
import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.security.SecurityChainsForSlices;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.Domain;
import org.postroom.storage.directory.MtaStsMode;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.beans.factory.annotation.Autowired;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.tokens.ApiTokens;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Thunderbird's autoconfig and Outlook's autodiscover documents, fetched as the clients fetch them
 * (no login: the console's real security chains run) and checked against what their readers
 * accept: Thunderbird's readFromXML (element names, socketType SSL/plain/STARTTLS, authentication
 * values, username required for password logins) and [MS-OXDSCLI]'s POX response (namespaces,
 * Account/Protocol elements).
 *
 * <p>A slice of the web layer: the documents depend on the server's settings and on whether a
 * domain is ours, so the directory answers from a stand-in that knows {@code autoconfig.example},
 * and no database starts. The logins the security chains would check are never asked for.
 */
@WebMvcTest({ ThunderbirdAutoconfig.class, OutlookAutodiscover.class })
@Import({ ClientDomains.class, FixedServerSettings.class, SecurityChainsForSlices.class, DomainAccess.class })
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

    @Autowired
    MockMvc mvc;
    @MockitoBean
    DomainRepository domains;
    // what the security chains would check a login against; these documents are read without one
    @MockitoBean
    AdminAccountRepository admins;
    @MockitoBean
    Authenticator authenticator;
    @MockitoBean
    LoginThrottle throttle;
    @MockitoBean
    SecondFactors secondFactors;
    @MockitoBean
    LoginPolicies loginPolicies;
    // what DomainAccess would read a held message from
    @MockitoBean
    Quarantine quarantine;
    @MockitoBean
    ApiTokens apiTokens;
    @MockitoBean
    AuditLog auditLog;

    @BeforeEach
    void ourDomainIsAutoconfigExample() {
        when(domains.find(anyString())).thenReturn(Optional.empty());
        when(domains.find("autoconfig.example")).thenReturn(Optional.of(new Domain(1, "autoconfig.example", "postroom",
                "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", null, true, MtaStsMode.NONE, 0, 0, Instant.now())));
    }

    @Test
    void thunderbirdGetsPop3AndSmtpWithTheServersHostName() throws Exception {
        for (String path : List.of("/.well-known/autoconfig/mail/config-v1.1.xml", "/mail/config-v1.1.xml")) {
            MockHttpServletResponse response = get(path, "alice@autoconfig.example");
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            assertThat(response.getContentType()).startsWith("application/xml");

            Element provider = child(parse(body(response)).getDocumentElement(), "emailProvider");
            assertThat(parse(body(response)).getDocumentElement().getTagName()).isEqualTo("clientConfig");
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
        MockHttpServletResponse response = mvc.perform(MockMvcRequestBuilders.get("/mail/config-v1.1.xml")
                .header("Host", "autoconfig.autoconfig.example")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(text(child(parse(body(response)).getDocumentElement(), "emailProvider"), "domain"))
                .isEqualTo("autoconfig.example");
    }

    @Test
    void onlyThisServersDomainsAreDescribed() throws Exception {
        assertThat(get("/mail/config-v1.1.xml", "alice@elsewhere.example").getStatus()).isEqualTo(404);
        assertThat(get("/mail/config-v1.1.xml", "not-an-address").getStatus()).isEqualTo(400);
        assertThat(get("/mail/config-v1.1.xml", null).getStatus()).isEqualTo(404);
    }

    @Test
    void outlookGetsPop3AndSmtpSettingsInThePoxSchema() throws Exception {
        for (String path : List.of("/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml")) {
            MockHttpServletResponse response = post(path, OUTLOOK_REQUEST.formatted("Bob@autoconfig.example"));
            assertThat(response.getStatus()).as(path).isEqualTo(200);

            Element root = parse(body(response)).getDocumentElement();
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
        MockHttpServletResponse response = get("/autodiscover/autodiscover.xml", "carol@autoconfig.example");

        assertThat(response.getStatus()).isEqualTo(200);
        Element account = child(child(parse(body(response)).getDocumentElement(), "Response"), "Account");
        assertThat(text(children(account, "Protocol").get(0), "LoginName")).isEqualTo("carol@autoconfig.example");
    }

    @Test
    void badAutodiscoverRequestsAreRefused() throws Exception {
        assertThat(post("/autodiscover/autodiscover.xml", "<nonsense").getStatus()).isEqualTo(400);
        assertThat(post("/autodiscover/autodiscover.xml", "<Autodiscover/>").getStatus()).isEqualTo(400);
        assertThat(post("/autodiscover/autodiscover.xml", OUTLOOK_REQUEST.formatted("dave@elsewhere.example"))
                .getStatus()).isEqualTo(404);
        assertThat(post("/autodiscover/autodiscover.xml", OUTLOOK_REQUEST.formatted("dave@autoconfig.example")
                .replace("outlook/responseschema", "mobilesync/responseschema")).getStatus()).isEqualTo(400);
    }

    @Test
    void anExternalEntityInTheRequestIsNeverResolved() throws Exception {
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE Autodiscover [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <Autodiscover><Request><EMailAddress>&secret;</EMailAddress></Request></Autodiscover>
                """;

        MockHttpServletResponse response = post("/autodiscover/autodiscover.xml", attack);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response)).doesNotContain("root:");
    }

    /**
     * The JDK's StAX parser reports a character it does not allow in a DTD with an exception
     * outside its contract (a MissingResourceException for its message "InvalidCharInDTD"): it is
     * still a request that cannot be read (found by AutodiscoverFuzzTest).
     */
    @Test
    void aRequestThatBreaksTheXmlParserIsRefusedAsUnreadable() throws Exception {
        MockHttpServletResponse response = post("/autodiscover/autodiscover.xml",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"f\u0000ile\">]><Autodiscover/>");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(body(response)).contains("the XML cannot be read");
    }

    @Test
    void anAddressWithMarkupIsEscapedInTheAnswer() throws Exception {
        MockHttpServletResponse response = get("/autodiscover/autodiscover.xml", "o'neil&co@autoconfig.example");

        assertThat(response.getStatus()).isEqualTo(200);
        Element account = child(child(parse(body(response)).getDocumentElement(), "Response"), "Account");
        assertThat(text(children(account, "Protocol").get(0), "LoginName")).isEqualTo("o'neil&co@autoconfig.example");
    }

    /** A GET as the clients send it, without a login; {@code emailAddress} may be null. */
    private MockHttpServletResponse get(String path, String emailAddress) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path);
        if (emailAddress != null) {
            request.param("emailaddress", emailAddress);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** Outlook's POST, without a login or a CSRF token. */
    private MockHttpServletResponse post(String path, String xml) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(path).contentType("text/xml").content(xml)).andReturn()
                .getResponse();
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString(StandardCharsets.UTF_8);
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
