package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postroom.admin.domain.DnsWatch;
import org.postroom.smtp.testing.TestDnsServer;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's DNS check through the server's own resolver, against a DNS server on loopback that
 * publishes some of a domain's records as they should be, some otherwise and some not at all: the
 * API's answer with {@code check=true} and the dashboard's list of domains that lack records.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DnsCheckWiringTest {

    private static final String HOSTNAME = "mail.check.example";
    private static final String PASSWORD = "dns check admin secret";
    private static final TestDnsServer DNS = dnsServer();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int httpPort;

    @Autowired
    DomainRepository domains;

    @Autowired
    DnsWatch watch;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dataDir = Files.createTempDirectory("postroom-dns-check-");
        registry.add("spring.datasource.url", TestDatabase::createUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("postroom.data-dir", dataDir::toString);
        registry.add("postroom.hostname", () -> HOSTNAME);
        registry.add("postroom.admin.password", () -> PASSWORD);
        registry.add("postroom.dns.servers", () -> "127.0.0.1:" + DNS.address().getPort());
        for (String listener : new String[] { "smtp", "submission", "smtps", "pop3", "pop3s" }) {
            registry.add("postroom." + listener + ".port", () -> "0");
        }
        registry.add("postroom.https.enabled", () -> "false");
    }

    @AfterAll
    static void stopDns() {
        DNS.close();
    }

    @Test
    void eachRecordIsMarkedPublishedMissingOrDifferentWithWhatDnsHas() throws Exception {
        domains.create("check.example");
        Map.Entry<String, String> dkim = expected("check.example").entrySet().stream()
                .filter(record -> record.getKey().endsWith("._domainkey.check.example")).findFirst().orElseThrow();
        String dkimName = dkim.getKey().substring("TXT ".length());
        DNS.mx("check.example", 20, HOSTNAME)
                .txt("check.example", "google-site-verification=abc")
                .txt("check.example", "v=spf1 a:relay.example -all")
                .longTxt(dkimName, dkim.getValue())
                .cname("autoconfig.check.example", HOSTNAME)
                .a("autodiscover.check.example", "192.0.2.25").aaaa("autodiscover.check.example", "2001:db8::25")
                .srv("_submissions._tcp.check.example", 0, 1, 465, "elsewhere.example");

        Map<String, JsonNode> checked = checked("check.example");

        assertThat(checked.get("MX check.example").get("state").asString())
                .as("another preference still points at this server").isEqualTo("PUBLISHED");
        JsonNode spf = checked.get("TXT check.example");
        assertThat(spf.get("state").asString()).isEqualTo("DIFFERENT");
        assertThat(spf.get("value").asString()).isEqualTo("v=spf1 mx -all");
        assertThat(spf.get("published").valueStream().map(JsonNode::asString))
                .as("only the SPF record, not the other TXT records at the name").containsExactly("v=spf1 a:relay.example -all");
        assertThat(checked.get(dkim.getKey()).get("state").asString())
                .as("a key split into strings of 255 characters").isEqualTo("PUBLISHED");
        assertThat(checked.get("TXT _dmarc.check.example").get("state").asString()).isEqualTo("MISSING");
        assertThat(checked.get("CNAME autoconfig.check.example").get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(checked.get("CNAME autodiscover.check.example").get("state").asString())
                .as("the host's own addresses instead of a CNAME").isEqualTo("PUBLISHED");
        JsonNode srv = checked.get("SRV _submissions._tcp.check.example");
        assertThat(srv.get("state").asString()).isEqualTo("DIFFERENT");
        assertThat(srv.get("published").get(0).asString()).isEqualTo("0 1 465 elsewhere.example.");
        assertThat(checked.get("SRV _pop3s._tcp.check.example").get("state").asString()).isEqualTo("MISSING");

        JsonNode v6 = checked.get("PTR 5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
        assertThat(v6.get("state").asString()).isEqualTo("PUBLISHED");
        assertThat(v6.get("value").asString()).isEqualTo(HOSTNAME + ".");
        JsonNode v4 = checked.get("PTR 25.2.0.192.in-addr.arpa");
        assertThat(v4.get("state").asString()).isEqualTo("DIFFERENT");
        assertThat(v4.get("published").get(0).asString()).isEqualTo("host-25.provider.example.");
        assertThat(v4.get("note").asString()).contains("does not even resolve back to 192.0.2.25");

        watch.refresh();
        assertThat(watch.missing()).containsKey("check.example");
        assertThat(watch.missing().get("check.example")).contains("TXT _dmarc.check.example",
                "SRV _pop3s._tcp.check.example").doesNotContain("MX check.example", "TXT check.example");
    }

    @Test
    void aResolverThatFailsLeavesTheStateUnknownWithTheReason() throws Exception {
        domains.create("broken.example");
        DNS.failing("broken.example");

        JsonNode mx = checked("broken.example").get("MX broken.example");

        assertThat(mx.get("state").asString()).isEqualTo("UNKNOWN");
        assertThat(mx.get("note").asString()).contains("SERVFAIL");
        watch.refresh();
        assertThat(watch.missing().getOrDefault("broken.example", java.util.List.of()))
                .as("not known is not missing").doesNotContain("MX broken.example");
    }

    /** The records to publish, "TYPE name" → value, as the API lists them without a check. */
    private Map<String, String> expected(String domain) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        get("/api/v1/domains/" + domain + "/dns").valueStream()
                .forEach(record -> values.put(key(record), record.get("value").asString()));
        return values;
    }

    private Map<String, JsonNode> checked(String domain) throws Exception {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        get("/api/v1/domains/" + domain + "/dns?check=true").valueStream().forEach(record -> records.put(key(record), record));
        return records;
    }

    private static String key(JsonNode record) {
        return record.get("type").asString() + " " + record.get("name").asString();
    }

    private JsonNode get(String path) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header("Authorization", "Basic " + credentials).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * The server's host name and its reverse DNS, published before any check asks (the resolver
     * caches a negative answer for the SOA's TTL).
     */
    private static TestDnsServer dnsServer() {
        try {
            return new TestDnsServer().a(HOSTNAME, "192.0.2.25").aaaa(HOSTNAME, "2001:db8::25")
                    .ptr("2001:db8::25", HOSTNAME)
                    // the hosting provider's default name: no forward confirmation for mail.check.example
                    .ptr("192.0.2.25", "host-25.provider.example");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
