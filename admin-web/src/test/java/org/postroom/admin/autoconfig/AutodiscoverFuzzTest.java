package org.postroom.admin.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.testing.FuzzRun;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes Outlook's autodiscover request, the one XML document Postroom reads from strangers: the
 * input is the body of a POST to {@code /autodiscover/autodiscover.xml}, sent over real HTTP to
 * the running application (its security chains, the controller, the error handling) on a real
 * PostgreSQL in which {@code autoconfig.example} is one of our domains.
 *
 * <p>Invariants: the answer is never a server error; a 200 is well-formed XML whose every
 * {@code LoginName} is an address at one of our domains; anything else is a 4xx as
 * {@code application/problem+json} naming its status.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AutodiscoverFuzzTest {

    private static final String DOMAIN = "autoconfig.example";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();


    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;

    @BeforeEach
    void ourDomain() {
        if (domains.find(DOMAIN).isEmpty()) {
            domains.create(DOMAIN);
        }
    }

    @AfterAll
    static void report() {
        FuzzRun.report(AutodiscoverFuzzTest.class);
    }

    @FuzzTest
    @DictionaryFile(resourcePath = "/org/postroom/admin/autoconfig/autodiscover.dict")
    void everyRequestIsAnsweredWithSettingsOrAClientError(byte[] body) throws Exception {
        FuzzRun.input();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/autodiscover/autodiscover.xml")).timeout(Duration.ofSeconds(20)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        String answer = response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(answer).isLessThan(500);
        if (response.statusCode() == 200) {
            NodeList logins = xml(response.body()).getElementsByTagNameNS("*", "LoginName");
            assertThat(logins.getLength()).as(answer).isPositive();
            for (int i = 0; i < logins.getLength(); i++) {
                assertThat(logins.item(i).getTextContent()).as(answer).endsWith("@" + DOMAIN);
            }
        } else {
            assertThat(response.statusCode()).as(answer).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(answer).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(answer).contains("\"status\":" + response.statusCode());
        }
    }

    /** The answer parsed by the JDK's parser, with DTDs refused: it must be well-formed on its own. */
    private static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
