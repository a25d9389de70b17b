package org.postroom.server.wiring;

import org.postroom.server.config.AuthProperties;
import org.postroom.server.config.DkimProperties;
import org.postroom.storage.wiring.StorageSettings;
import org.postroom.storage.wiring.StorageWiring;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The storage module's services ({@link StorageWiring}) over the application's DataSource, with
 * the login limits of {@code postroom.auth.*} and the DKIM selector of {@code postroom.dkim.*}.
 */
@Configuration(proxyBeanMethods = false)
@Import(StorageWiring.class)
public class StorageSettingsWiring {

    @Bean
    StorageSettings storageSettings(AuthProperties auth, DkimProperties dkim) {
        return new StorageSettings(auth.limits(), dkim.selector());
    }
}
