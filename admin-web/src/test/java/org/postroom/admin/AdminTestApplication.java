package org.postroom.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.postroom.admin.security.BootstrapAdministrator;
import org.postroom.admin.security.TrustedProxies;
import org.postroom.admin.settings.MailPorts;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.admin.settings.TlsCertificate;
import org.postroom.storage.Database;
import org.postroom.storage.TestDatabase;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginLimits;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.NetworkRange;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.stats.MailStatistics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * admin-web on its own, as the server wires it, over a fresh PostgreSQL database per application
 * context: the storage services, a fixed {@link ServerSettings}, and the administrator
 * {@value #ADMIN} with password {@value #ADMIN_PASSWORD}. {@code test.throttle.max-failures}
 * sets the login throttle (default: high enough never to interfere), whose failures are counted in
 * the {@link SimpleMeterRegistry}; {@code test.trusted-proxies} lists the reverse proxies whose
 * forwarded headers count (default: none, as in the server).
 */
@SpringBootApplication
public class AdminTestApplication {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "console password 1";
    public static final String HOSTNAME = "mail.example.net";

    @Bean(destroyMethod = "close")
    TestDatabase testDatabase() {
        return TestDatabase.create();
    }

    @Bean
    DataSource dataSource(TestDatabase testDatabase) {
        return testDatabase.dataSource();
    }

    @Bean
    Database database(TestDatabase testDatabase) {
        return testDatabase.database();
    }

    @Bean
    DomainRepository domainRepository(Database db) {
        return new DomainRepository(db, "postroom");
    }

    @Bean
    UserRepository userRepository(Database db) {
        return new UserRepository(db);
    }

    @Bean
    AliasRepository aliasRepository(Database db) {
        return new AliasRepository(db);
    }

    @Bean
    AdminAccountRepository adminAccountRepository(Database db) {
        return new AdminAccountRepository(db);
    }

    @Bean
    Authenticator authenticator(Database db) {
        return new Authenticator(db);
    }

    /** What the login pipelines count, {@code postroom.auth.failures} among it. */
    @Bean
    SimpleMeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    /** {@code test.throttle.max-failures} per client; the account limit is off, so tests can share accounts. */
    @Bean
    LoginThrottle loginThrottle(Database db, @Value("${test.throttle.max-failures:1000}") int maxFailures,
            SimpleMeterRegistry meters) {
        return new LoginThrottle(db, new LoginLimits(maxFailures, Duration.ofMinutes(5), Duration.ZERO, 10,
                Duration.ofMinutes(5), Duration.ZERO, List.of()), meters);
    }

    @Bean
    MailStore mailStore(Database db) {
        return new MailStore(db);
    }

    @Bean
    DeliveryQueue deliveryQueue(Database db) {
        return new DeliveryQueue(db);
    }

    @Bean
    MessageChecks messageChecks(Database db) {
        return new MessageChecks(db);
    }

    @Bean
    Quarantine quarantine(Database db) {
        return new Quarantine(db, new MailDirectory(db));
    }

    @Bean
    SenderLists senderLists(Database db) {
        return new SenderLists(db);
    }

    @Bean
    MailStatistics mailStatistics(Database db) {
        return new MailStatistics(db);
    }

    @Bean
    BootstrapAdministrator bootstrapAdministrator(AdminAccountRepository admins) {
        return new BootstrapAdministrator(admins, ADMIN, ADMIN_PASSWORD);
    }

    @Bean
    TrustedProxies trustedProxies(@Value("${test.trusted-proxies:}") List<String> proxies) {
        return new TrustedProxies(proxies.stream().map(NetworkRange::parse).toList());
    }

    @Bean
    ServerSettings serverSettings() {
        Instant issued = Instant.now().minus(Duration.ofDays(30));
        TlsCertificate certificate = new TlsCertificate("CN=" + HOSTNAME, "CN=R11, O=Let's Encrypt, C=US", issued,
                issued.plus(Duration.ofDays(90)));
        return new ServerSettings() {
            @Override
            public String hostname() {
                return HOSTNAME;
            }

            @Override
            public MailPorts ports() {
                return MailPorts.standard();
            }

            @Override
            public Optional<TlsCertificate> certificate() {
                return Optional.of(certificate);
            }
        };
    }
}
