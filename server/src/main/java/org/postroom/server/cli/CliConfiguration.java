package org.postroom.server.cli;

import org.postroom.server.config.AuthProperties;
import org.postroom.server.config.DkimProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.database.DatabaseConfiguration;
import org.postroom.server.wiring.StorageSettingsWiring;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The part of Postroom the command line needs: configuration, the database (external, embedded,
 * or the one a running server already serves) migrated by Flyway, and the storage services.
 * No web server, no listeners, no delivery.
 *
 * <p>Deliberately not a {@code @Configuration}: the server's component scan must not find it.
 * The command line hands it to Spring as its only source.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
@Import({ DatabaseConfiguration.class, StorageSettingsWiring.class })
@EnableConfigurationProperties({ PostroomProperties.class, AuthProperties.class, DkimProperties.class })
class CliConfiguration {

    /** Starts the services with the command line's Spring arguments ({@code --spring.datasource.url=...}). */
    static ConfigurableApplicationContext start(String[] springArguments) {
        return new SpringApplicationBuilder(CliConfiguration.class)
                .web(WebApplicationType.NONE)
                .profiles("cli")
                .logStartupInfo(false)
                .properties("spring.main.banner-mode=off", "logging.level.root=WARN")
                .run(springArguments);
    }

    /** The command line logs nobody in: the login throttle among the storage services counts into nothing read. */
    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }
}
