package org.postroom.server.database;

import java.time.Duration;

import javax.sql.DataSource;

import org.postroom.server.config.SmtpProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

/**
 * {@code postroom.smtp.storage-timeout} on the connection pool, whichever PostgreSQL it connects
 * to: the longest a caller waits for a connection (Hikari's {@code connectionTimeout}), for a new
 * connection to be made (pgjdbc's {@code connectTimeout}) and for any one answer of the server
 * (pgjdbc's {@code socketTimeout}). A database that stops answering without closing its
 * connections (a stopped or hung server, a network that drops packets) then becomes a {@code
 * StorageUnavailableException}, SMTP's 451 4.3.0 and POP3's -ERR [SYS/TEMP], within that time,
 * never a thread that waits forever.
 *
 * <p>Flyway's migrations connect without the socket timeout: a schema change on a large table may
 * rightly take longer than any mail command should wait.
 */
@Configuration(proxyBeanMethods = false)
class StorageTimeout {

    private static final String PROPERTY = "postroom.smtp.storage-timeout";

    /** Static: a post-processor is made before the configuration properties, so it reads the property itself. */
    @Bean
    static BeanPostProcessor storageTimeoutOnThePool(Environment environment) {
        Duration timeout = Binder.get(environment).bind(PROPERTY, Duration.class)
                .orElse(SmtpProperties.DEFAULT_STORAGE_TIMEOUT);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    apply(pool, timeout);
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer migrationsWithoutSocketTimeout(DataSource dataSource) {
        return configuration -> {
            if (dataSource instanceof HikariDataSource pool) {
                configuration.dataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            }
        };
    }

    static void apply(HikariDataSource pool, Duration timeout) {
        String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
        pool.setConnectionTimeout(timeout.toMillis());
        pool.addDataSourceProperty("connectTimeout", seconds);
        pool.addDataSourceProperty("socketTimeout", seconds);
    }
}
