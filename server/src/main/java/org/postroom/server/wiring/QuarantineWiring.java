package org.postroom.server.wiring;

import java.time.Duration;

import org.postroom.server.config.QuarantineProperties;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quarantine's expiry from {@code postroom.quarantine.*}; the quarantine itself is in storage's
 * {@link org.postroom.storage.wiring.StorageWiring}.
 */
@Configuration(proxyBeanMethods = false)
class QuarantineWiring {

    /** Often enough that nothing outstays its retention by much, rarely enough to cost nothing. */
    private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

    @Bean
    QuarantineExpiry quarantineExpiry(Quarantine quarantine, QuarantineProperties properties) {
        return new QuarantineExpiry(quarantine, properties.retention(), EXPIRY_INTERVAL);
    }
}
