package org.postroom.admin;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.postroom.admin.antispam.RecordingSpamTeacher;
import org.postroom.admin.security.AdministratorTwoFactor;
import org.postroom.admin.security.ApiLogins;
import org.postroom.admin.security.BootstrapAdministrator;
import org.postroom.admin.security.TrustedProxies;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.LoginLimits;
import org.postroom.storage.directory.NetworkRange;
import org.postroom.storage.limits.SendingLimits;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.wiring.StorageSettings;
import org.postroom.storage.wiring.StorageWiring;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the server gives admin-web, for the full-stack tests: a fresh PostgreSQL database per
 * application context with the storage services of {@link StorageWiring} (the server's), {@link
 * FixedServerSettings}, and the administrator {@value AdminTestApplication#ADMIN} with password
 * {@value AdminTestApplication#ADMIN_PASSWORD}, and a {@link RecordingSpamTeacher} for the spam
 * filter's learning. {@code test.throttle.max-failures} sets the login
 * throttle (default: high enough never to interfere), whose failures are counted in the {@link
 * SimpleMeterRegistry}; {@code test.trusted-proxies} lists the reverse proxies whose forwarded
 * headers count (default: none, as in the server).
 */
@Configuration(proxyBeanMethods = false)
@Import({ StorageWiring.class, FixedServerSettings.class, FixedZone.class })
class AdminTestServices {

    @Bean(destroyMethod = "close")
    TestDatabase testDatabase() {
        return TestDatabase.create();
    }

    @Bean
    DataSource dataSource(TestDatabase testDatabase) {
        return testDatabase.dataSource();
    }

    /** What the login pipelines count, {@code postroom.auth.failures} among it. */
    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** {@code test.throttle.max-failures} per client; the account limit is off, so tests can share accounts. */
    @Bean
    StorageSettings storageSettings(@Value("${test.throttle.max-failures:1000}") int maxFailures) {
        return new StorageSettings(new LoginLimits(maxFailures, Duration.ofMinutes(5), Duration.ZERO, 10,
                Duration.ofMinutes(5), Duration.ZERO, List.of()), "postroom");
    }

    /** The server's sending limits as the console and API show them: the server's defaults. */
    @Bean
    SendingPolicy sendingPolicy() {
        return new SendingPolicy(new SendingLimits(200, 1000, null, 2000), 3);
    }

    @Bean
    BootstrapAdministrator bootstrapAdministrator(AdminAccountRepository admins) {
        return new BootstrapAdministrator(admins, AdminTestApplication.ADMIN, AdminTestApplication.ADMIN_PASSWORD);
    }

    /** {@code test.admin-two-factor}: whether administrators must sign in with a second factor (default: no). */
    @Bean
    AdministratorTwoFactor administratorTwoFactor(@Value("${test.admin-two-factor:false}") boolean required) {
        return new AdministratorTwoFactor(required);
    }

    /** {@code test.api.basic-enabled}: whether the API takes HTTP Basic besides tokens (default: yes, as the server). */
    @Bean
    ApiLogins apiLogins(@Value("${test.api.basic-enabled:true}") boolean basicEnabled) {
        return new ApiLogins(basicEnabled);
    }

    /** The spam filter's learning: recorded, for the tests to read. */
    @Bean
    RecordingSpamTeacher spamTeacher() {
        return new RecordingSpamTeacher();
    }

    @Bean
    TrustedProxies trustedProxies(@Value("${test.trusted-proxies:}") List<String> proxies) {
        return new TrustedProxies(proxies.stream().map(NetworkRange::parse).toList());
    }
}
