package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.TestDatabase;

/**
 * The console over its own HTTPS, as deployed: the port presents the mail listeners' certificate,
 * plain HTTP is redirected there except what must stay reachable over HTTP (the ACME challenge,
 * mail-client autoconfiguration, health), the session cookie is Secure, and no HSTS is sent while
 * the certificate is the self-signed one (a browser would then refuse the site outright).
 */
class HttpsConsoleIT {

    @Test
    void plainHttpIsRedirectedToTheHttpsPortWhichPresentsTheListenersCertificate(@TempDir Path workDir)
            throws Exception {
        Map<String, String> environment = Map.of("POSTROOM_HOSTNAME", "mail.https.test",
                "SPRING_DATASOURCE_URL", TestDatabase.createUrl(), "SPRING_DATASOURCE_USERNAME", "postgres",
                "POSTROOM_DATA_DIR", workDir.resolve("data").toString());
        try (PostroomProcess postroom = new PostroomProcess(workDir, environment)) {
            postroom.start();
            HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String http = "http://127.0.0.1:" + postroom.httpPort();

            HttpResponse<String> login = plain.send(get(http + "/login?x=1"), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(301);
            assertThat(login.headers().firstValue("Location"))
                    .contains("https://127.0.0.1:" + postroom.httpsPort() + "/login?x=1");
            HttpResponse<String> post = plain.send(HttpRequest.newBuilder(URI.create(http + "/login"))
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as("a POST stays a POST").isEqualTo(308);

            // answered over plain HTTP: Thunderbird's autoconfig, the ACME CA, probes
            assertThat(plain.send(get(http + "/mail/config-v1.1.xml?emailaddress=a@example.com"),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isNotIn(301, 308);
            assertThat(plain.send(get(http + "/.well-known/acme-challenge/unknown-token"),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(plain.send(get(http + "/actuator/health"), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);

            // the HTTPS port presents the listeners' (generated) certificate: a client trusting exactly it connects
            String page = RawHttps.send(TrustedCertificate.generatedIn(workDir.resolve("data")), postroom.httpsPort(),
                    "GET /login HTTP/1.1\r\nHost: mail.https.test\r\nConnection: close\r\n\r\n");
            String head = page.substring(0, page.indexOf("\r\n\r\n"));
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head.lines().filter(line -> line.regionMatches(true, 0, "Set-Cookie: JSESSIONID=", 0, 23)))
                    .singleElement().asString().contains("Secure").contains("HttpOnly");
            assertThat(head.toLowerCase(Locale.ROOT)).as("no HSTS for a self-signed certificate")
                    .doesNotContain("strict-transport-security");
        }
    }

    /**
     * RFC 8461 §3.3: senders fetch a domain's MTA-STS policy over HTTPS from {@code mta-sts.<domain>};
     * the console's HTTPS port answers it to anyone (no login page), by the Host asked for, in the
     * mode the CLI set, and plain HTTP sends the sender to HTTPS, never to the login page.
     */
    @Test
    void theMtaStsPolicyIsServedOverTheHttpsPortInTheModeSet(@TempDir Path workDir) throws Exception {
        Map<String, String> environment = Map.of("POSTROOM_HOSTNAME", "mail.https.test",
                "SPRING_DATASOURCE_URL", TestDatabase.createUrl(), "SPRING_DATASOURCE_USERNAME", "postgres",
                "POSTROOM_DATA_DIR", workDir.resolve("data").toString());
        try (PostroomProcess postroom = new PostroomProcess(workDir, environment)) {
            postroom.start();
            assertThat(postroom.command("", "domain", "add", "sts.https.test").exitCode()).isZero();
            String request = "GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: mta-sts.sts.https.test\r\n"
                    + "Connection: close\r\n\r\n";
            SSLContext trust = TrustedCertificate.generatedIn(workDir.resolve("data"));

            assertThat(RawHttps.send(trust, postroom.httpsPort(), request)).as("mode none").startsWith("HTTP/1.1 404");

            assertThat(postroom.command("", "domain", "mta-sts", "sts.https.test", "testing").exitCode()).isZero();
            String testing = RawHttps.send(trust, postroom.httpsPort(), request);
            assertThat(testing).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: text/plain")
                    .contains("version: STSv1\r\nmode: testing\r\nmx: mail.https.test\r\nmax_age: 604800\r\n");

            assertThat(postroom.command("", "domain", "mta-sts", "sts.https.test", "enforce").exitCode()).isZero();
            assertThat(RawHttps.send(trust, postroom.httpsPort(), request)).startsWith("HTTP/1.1 200")
                    .contains("mode: enforce\r\n");
            assertThat(RawHttps.send(trust, postroom.httpsPort(), request.replace("mta-sts.sts", "mta-sts.other")))
                    .startsWith("HTTP/1.1 404");

            HttpResponse<String> plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(get("http://127.0.0.1:" + postroom.httpPort() + "/.well-known/mta-sts.txt"),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(301);
            assertThat(plain.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                    .startsWith("https://").endsWith(":" + postroom.httpsPort() + "/.well-known/mta-sts.txt"));
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }
}
