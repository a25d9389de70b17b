package org.postroom.admin.mtasts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postroom.admin.ProblemResponses.assertProblem;
import static org.postroom.admin.WebVisitor.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postroom.admin.AdminTestApplication;
import org.postroom.admin.FixedServerSettings;
import org.postroom.admin.WebVisitor;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The MTA-STS policy over real HTTP, to anyone, chosen by the Host asked for (a raw socket: Java's
 * HTTP client will not send another Host), in each mode set through the API; and the DNS records
 * that go with it, whose id changes with the policy.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MtaStsPolicyDocumentTest {

    private static final String DOMAIN = "sts-policy.example";

    @LocalServerPort
    int port;
    @Autowired
    DomainRepository domains;

    private WebVisitor admin;

    @BeforeEach
    void aDomain() {
        if (domains.find(DOMAIN).isEmpty()) {
            domains.create(DOMAIN);
        }
        admin = WebVisitor.basic(port, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
        assertThat(admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":\"none\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void eachModeIsServedToAnyoneAtItsMtaStsHostAndNoneIsNotServed() throws IOException {
        assertThat(policy("mta-sts." + DOMAIN)).startsWith("HTTP/1.1 404");
        assertThat(mtaStsRecords()).as("no policy, no records to publish for it").isEmpty();

        JsonNode testing = json(admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":\"testing\"}"));
        assertThat(testing.get("mtaSts").asString()).isEqualTo("testing");
        String served = policy("MTA-STS." + DOMAIN.toUpperCase() + ":443");
        assertThat(head(served)).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/plain");
        assertThat(body(served)).isEqualTo("version: STSv1\r\nmode: testing\r\nmx: " + FixedServerSettings.HOSTNAME
                + "\r\nmax_age: 604800\r\n");
        String testingId = stsId();

        admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":\"enforce\"}");
        assertThat(body(policy("mta-sts." + DOMAIN))).contains("mode: enforce\r\n");
        assertThat(stsId()).matches("[0-9a-f]{20}").isNotEqualTo(testingId);
        assertThat(mtaStsRecords()).anySatisfy(record -> {
            assertThat(record.get("type").asString()).isEqualTo("CNAME");
            assertThat(record.get("name").asString()).isEqualTo("mta-sts." + DOMAIN);
            assertThat(record.get("value").asString()).isEqualTo(FixedServerSettings.HOSTNAME + ".");
        });

        admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":\"testing\"}");
        assertThat(stsId()).as("the same policy, the same id, on every process").isEqualTo(testingId);
    }

    @Test
    void aHostThatIsNoMtaStsNameOfOursGetsNotFound() throws IOException {
        admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":\"enforce\"}");

        assertThat(policy("mta-sts.unknown.example")).startsWith("HTTP/1.1 404");
        assertThat(policy(DOMAIN)).startsWith("HTTP/1.1 404");
        assertThat(policy("mta-sts.")).startsWith("HTTP/1.1 404");
        assertThat(policy("127.0.0.1")).startsWith("HTTP/1.1 404");
    }

    @Test
    void aModeThatIsNoneOfTheThreeIsRefusedNamingThem() {
        assertProblem(admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":\"strict\"}"), 400,
                "mtaSts must be none, testing or enforce");
        assertProblem(admin.patchJson("/api/v1/domains/" + DOMAIN, "{\"mtaSts\":true}"), 400,
                "mtaSts must be none, testing or enforce");
        assertThat(domains.find(DOMAIN).orElseThrow().mtaSts().token()).isEqualTo("none");
    }

    private String stsId() {
        String value = mtaStsRecords().stream().filter(record -> record.get("type").asString().equals("TXT"))
                .findFirst().orElseThrow().get("value").asString();
        assertThat(value).startsWith("v=STSv1; id=");
        return value.substring("v=STSv1; id=".length());
    }

    private java.util.List<JsonNode> mtaStsRecords() {
        return json(admin.get("/api/v1/domains/" + DOMAIN + "/dns")).valueStream()
                .filter(record -> record.get("name").asString().equals("_mta-sts." + DOMAIN)
                        || record.get("name").asString().equals("mta-sts." + DOMAIN))
                .toList();
    }

    /** GET of the policy with {@code host} as the Host header, without credentials; the whole response. */
    private String policy(String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static String head(String response) {
        return response.substring(0, response.indexOf("\r\n\r\n"));
    }

    /** The body, also when the server sent it in chunks. */
    private static String body(String response) {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        if (!head(response).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder joined = new StringBuilder();
        for (int at = 0;;) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return joined.toString();
            }
            joined.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
