package org.postroom.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.server.wiring.ListenerLifecycle;
import org.postroom.server.RunningServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the web port tells a load balancer, an orchestrator or a stranger: liveness and readiness
 * (every mail listener bound, the database up); the metrics only to an administrator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointsTest {

    private static final String ADMIN = "operator";
    private static final String ADMIN_PASSWORD = "a long enough admin secret";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RunningServer.configure(registry, () -> dataDir, "mx.health.example");
        registry.add("postroom.admin.username", () -> ADMIN);
        registry.add("postroom.admin.password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("pop3sListener")
    ListenerLifecycle pop3s;

    @Test
    void readinessGoesDownWhileAMailListenerIsUnboundAndLivenessStaysUp() throws Exception {
        assertThat(get("/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");
        assertThat(get("/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");
        pop3s.stop();
        try {
            assertThat(get("/actuator/health/readiness")).isEqualTo("503 {\"status\":\"DOWN\"}");
            assertThat(get("/actuator/health/liveness")).isEqualTo("200 {\"status\":\"UP\"}");
            assertThat(get("/actuator/health")).startsWith("503 ");
        } finally {
            pop3s.start();
        }
        assertThat(get("/actuator/health/readiness")).isEqualTo("200 {\"status\":\"UP\"}");
    }

    /** Health is for anyone; the rest of the actuator only for an administrator's login. */
    @Test
    void onlyHealthIsOpenAndMetricsNeedAnAdministrator() throws Exception {
        for (String path : new String[] { "/actuator/prometheus", "/actuator/metrics", "/actuator/env",
                "/actuator/configprops", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump",
                "/actuator/threaddump", "/actuator/info", "/actuator" }) {
            assertThat(get(path)).as(path).startsWith("401 ");
        }
        assertThat(get("/actuator/prometheus", ADMIN, ADMIN_PASSWORD)).startsWith("200 ")
                .contains("postroom_listener_connections");
        // exposed are health and prometheus only, whoever asks
        assertThat(get("/actuator/env", ADMIN, ADMIN_PASSWORD)).startsWith("404 ");
        assertThat(get("/actuator/prometheus", ADMIN, "not the password")).startsWith("401 ");
    }

    private String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    private String get(String path, String username, String password) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
