package org.postroom.server.wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.QuarantineProperties;
import org.postroom.server.config.WebProperties;
import org.postroom.smtp.digest.QuarantineDigest;
import org.postroom.smtp.digest.QuarantineDigestRound;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.quarantine.QuarantineDigests;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quarantine's expiry and the users' daily digest from {@code postroom.quarantine.*} (the link
 * in the digest from {@code postroom.web.public-url}); the quarantine itself is in storage's {@link
 * org.postroom.storage.wiring.StorageWiring}.
 */
@Configuration(proxyBeanMethods = false)
class QuarantineWiring {

    /** Often enough that nothing outstays its retention by much, rarely enough to cost nothing. */
    private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

    /** Where a user releases or deletes their held messages; admin-web serves it. */
    static final String ACCOUNT_QUARANTINE = "/account/quarantine";

    @Bean
    QuarantineExpiry quarantineExpiry(Quarantine quarantine, QuarantineProperties properties) {
        return new QuarantineExpiry(quarantine, properties.retention(), EXPIRY_INTERVAL);
    }

    /** The digest in the base bundle's language (English) until users can choose theirs. */
    @Bean
    QuarantineDigestRound quarantineDigestRound(QuarantineDigests digests, QuarantineProperties properties,
            PostroomProperties postroom, WebProperties web) {
        QuarantineDigest message = new QuarantineDigest(postroom.hostname(),
                web.page(postroom.hostname(), ACCOUNT_QUARANTINE), properties.digest().zoneId(),
                properties.retention(), Locale.ROOT);
        return new QuarantineDigestRound(digests, message, postroom.hostname() + ":" + ProcessHandle.current().pid(),
                Clock.system(properties.digest().zoneId()));
    }

    @Bean
    QuarantineDigestSchedule quarantineDigestSchedule(QuarantineDigestRound round, QuarantineProperties properties) {
        return new QuarantineDigestSchedule(round, properties.digest().localTime(),
                Clock.system(properties.digest().zoneId()));
    }
}
