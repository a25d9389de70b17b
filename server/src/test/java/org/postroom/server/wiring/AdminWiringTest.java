package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console shows the live listeners' facts: the generated certificate and the configured ports. */
class AdminWiringTest extends WiredApplicationTest {

    @LocalServerPort
    int httpPort;

    @Test
    void theSettingsShowTheCertificateTheListenersReallyPresent() throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> settings = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/settings"))
                        .header("Authorization", "Basic " + credentials).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(settings.body()).contains("\"hostname\":\"" + HOSTNAME + "\"")
                .contains("\"subject\":\"CN=" + HOSTNAME + "\"").contains("\"names\":[\"" + HOSTNAME + "\"]")
                .as("no ACME without postroom.acme.enabled").contains("\"renewal\":null");
    }
}
