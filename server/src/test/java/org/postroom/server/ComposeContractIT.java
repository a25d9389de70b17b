package org.postroom.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postroom.storage.TestDatabase;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs on the build machines, so the compose file's contract is tested instead:
 * every variable it hands the postroom service is one the application binds, the application
 * starts healthy with exactly those variables (values from .env.example), the console is published
 * over HTTPS on 443 with port 80 for redirects and ACME challenges, and no secret goes into the image.
 */
class ComposeContractIT {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(?::?[-?]([^}]*))?}");

    @Test
    void everyVariableOfThePostroomServiceIsBoundByTheApplication() throws IOException {
        Map<String, String> environment = postroomEnvironment();
        Map<String, String> known = ConfigurationMetadata.properties();
        for (String variable : environment.keySet()) {
            if (variable.equals("JAVA_OPTS")) {
                continue; // read by the image's entrypoint, not by Spring
            }
            assertThat(bindsToAKnownProperty(variable, known)).as(variable + " binds to a configuration property")
                    .isTrue();
        }
    }

    @Test
    void theApplicationStartsHealthyWithExactlyTheComposeEnvironment(@TempDir Path workDir) throws Exception {
        Map<String, String> environment = new HashMap<>(postroomEnvironment());
        environment.remove("JAVA_OPTS");
        // the same variables, pointed at this machine: the test's PostgreSQL and a writable data dir
        environment.put("SPRING_DATASOURCE_URL", TestDatabase.createUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
        environment.put("POSTROOM_DATA_DIR", workDir.resolve("postroom-data").toString());
        try (PostroomProcess postroom = new PostroomProcess(workDir, environment)) {
            postroom.start();
            assertThat(postroom.health()).contains("\"status\":\"UP\"");
            // the external database was used: no embedded one under ./data
            assertThat(workDir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void theConsoleIsPublishedOverHttpsWithPlainHttpOnlyForRedirectsBesideTheMailPorts() throws IOException {
        Map<String, String> environment = postroomEnvironment();
        // 80 redirects to HTTPS and answers ACME challenges; 443 is the console's own HTTPS
        assertThat(environment).containsEntry("SERVER_PORT", "80").containsEntry("POSTROOM_HTTPS_PORT", "443");
        assertThat(environment).as("HTTPS is on unless .env turns it off").containsEntry("POSTROOM_HTTPS_ENABLED", "true");
        for (Map<String, String> dotEnv : List.of(dotEnvExample(), Map.<String, String>of())) {
            List<String> ports = postroomPorts(dotEnv);
            assertThat(ports).as("with .env %s", dotEnv.isEmpty() ? "missing" : "from .env.example")
                    .contains("80:80", "443:443", "25:25", "465:465", "587:587", "110:110", "995:995")
                    .noneMatch(port -> port.endsWith(":8080"));
        }
    }

    @Test
    void secretsAndCertificatesStayOutOfTheImageBuild() throws IOException {
        // the Dockerfile copies the whole checkout into the build stage: .env holds the database and
        // administrator passwords, certs/ the TLS private key
        List<String> ignored = Files.readAllLines(Path.of("..", ".dockerignore")).stream().map(String::strip).toList();
        assertThat(ignored).contains(".env", "certs/");
    }

    private static boolean bindsToAKnownProperty(String variable, Map<String, String> known) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("compose", Map.of(variable, "x")));
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            for (Map.Entry<String, String> property : known.entrySet()) {
                ConfigurationPropertyName name = ConfigurationPropertyName.of(property.getKey());
                boolean isMap = property.getValue().startsWith("java.util.Map");
                if (source.getConfigurationProperty(name) != null
                        || isMap && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The postroom service's environment, with ${VAR} references resolved from .env.example. */
    @SuppressWarnings("unchecked")
    static Map<String, String> postroomEnvironment() throws IOException {
        Map<String, String> dotEnv = dotEnvExample();
        Map<String, Object> raw = (Map<String, Object>) postroomService().get("environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        raw.forEach((name, value) -> resolved.put(name, resolve(String.valueOf(value), dotEnv)));
        return resolved;
    }

    /** The postroom service's published ports ({@code [address:]host:container}), resolved with {@code dotEnv}. */
    @SuppressWarnings("unchecked")
    private static List<String> postroomPorts(Map<String, String> dotEnv) throws IOException {
        List<Object> raw = (List<Object>) postroomService().get("ports");
        return raw.stream().map(port -> resolve(String.valueOf(port), dotEnv)).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> postroomService() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(Path.of("..", "docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        return (Map<String, Object>) services.get("postroom");
    }

    private static String resolve(String value, Map<String, String> dotEnv) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String set = dotEnv.get(matcher.group(1));
            boolean hasDefault = matcher.group(0).contains(":-");
            String replacement = set != null && !set.isEmpty() ? set : hasDefault ? matcher.group(2) : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> dotEnvExample() throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("..", ".env.example"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            values.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return values;
    }

}
