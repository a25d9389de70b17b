package org.postroom.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.json.JsonParserFactory;

/**
 * Every configuration property the application binds, as Spring Boot's configuration processor
 * listed them in {@code META-INF/spring-configuration-metadata.json} (Postroom's own and those of
 * the libraries on the class path).
 */
final class ConfigurationMetadata {

    private ConfigurationMetadata() {
    }

    /** The property names with their types, e.g. {@code postroom.auth.max-failures -> java.lang.Integer}. */
    static Map<String, String> properties() {
        Map<String, String> all = new java.util.TreeMap<>();
        try {
            for (URL file : Collections.list(ConfigurationMetadata.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = file.openStream()) {
                    Map<String, Object> json = JsonParserFactory.getJsonParser()
                            .parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    for (Object property : (List<?>) json.getOrDefault("properties", List.of())) {
                        Map<?, ?> p = (Map<?, ?>) property;
                        all.put((String) p.get("name"), String.valueOf(p.get("type")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Postroom's own properties ({@code postroom.*}). */
    static Set<String> postroomProperties() {
        Set<String> own = new TreeSet<>();
        properties().keySet().stream().filter(name -> name.startsWith("postroom.")).forEach(own::add);
        return own;
    }
}
