package org.postroom.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

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
 * (every mail listener bound, the database up), and nothing else of the actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthEndpointsTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RunningServer.configure(registry, () -> dataDir, "mx.health.example");
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

    /** Until the console's admin login guards /actuator/**, only health is on the web port. */
    @Test
    void noActuatorEndpointButHealthIsReachable() throws Exception {
        for (String path : new String[] { "/actuator/prometheus", "/actuator/metrics", "/actuator/env",
                "/actuator/configprops", "/actuator/beans", "/actuator/loggers", "/actuator/heapdump",
                "/actuator/threaddump", "/actuator/info" }) {
            assertThat(get(path)).as(path).startsWith("404 ");
        }
        assertThat(get("/actuator")).doesNotContain("prometheus", "env", "beans");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
