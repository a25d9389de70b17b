package org.postroom.server.database;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.postroom.server.config.PostroomProperties;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Without {@code spring.datasource.url}, Postroom runs its own PostgreSQL and pools connections
 * to it; with it, this configuration stays out of the way and Spring Boot connects to the
 * configured server as usual. Pool settings ({@code spring.datasource.hikari.*}) apply either way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isBlank()")
public class DatabaseConfiguration {

    /** The command line (profile {@code cli}) shares the database of a server that is running. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PostroomProperties properties, Environment environment) {
        return environment.matchesProfiles("cli") ? EmbeddedDatabase.attachOrStart(properties.dataDir())
                : EmbeddedDatabase.start(properties.dataDir());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedDatabase database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.username());
        dataSource.setPassword(database.password());
        dataSource.setPoolName("postroom");
        return dataSource;
    }
}
