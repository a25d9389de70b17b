package org.postroom.server.wiring;

import org.postroom.admin.security.BootstrapAdministrator;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.server.config.AdminProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.TlsProperties;
import org.postroom.storage.directory.AdminAccountRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The web console's needs from the server: the bootstrap administrator from
 * {@code postroom.admin.*}, and the server's settings it displays. (admin-web's controllers and
 * security rules are found by the application's component scan.)
 */
@Configuration(proxyBeanMethods = false)
class AdminWiring {

    @Bean
    BootstrapAdministrator bootstrapAdministrator(AdminAccountRepository admins, AdminProperties admin) {
        return new BootstrapAdministrator(admins, admin.username(), admin.password());
    }

    @Bean
    ServerSettings serverSettings(PostroomProperties server, TlsProperties tls, Environment environment) {
        return new ConfiguredServerSettings(server, tls, environment);
    }
}
