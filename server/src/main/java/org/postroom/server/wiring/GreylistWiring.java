package org.postroom.server.wiring;

import java.time.Clock;
import java.time.Duration;

import org.postroom.server.config.GreylistingProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.SpfEvaluation;
import org.postroom.smtp.inbound.greylist.Greylisting;
import org.postroom.storage.Database;
import org.postroom.storage.greylist.Greylist;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Greylisting on port 25 from {@code postroom.antispam.greylisting.*}: the greylist in the
 * database, the MX chain's hook when it is on, and the expiry of old triplets, which runs either
 * way, so that turning greylisting off leaves nothing behind for long. Decisions and expiry go by
 * the system clock.
 */
@Configuration(proxyBeanMethods = false)
class GreylistWiring {

    /** Often enough that the table stays small, rarely enough to cost nothing. */
    private static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);

    @Bean
    Greylist greylist(Database db, GreylistingProperties properties) {
        return new Greylist(db, properties.delay(), properties.passLifetime());
    }

    /** The hook the MX chain asks before it accepts a recipient, with SPF through the server's resolver; none when off. */
    @Bean
    Greylisting greylisting(GreylistingProperties properties, Greylist greylist, DnsResolver dns,
            PostroomProperties postroom, MeterRegistry meters) {
        return properties.enabled()
                ? Greylisting.on(greylist, new SpfEvaluation(dns, postroom.hostname()), Clock.systemUTC(), meters)
                : Greylisting.off();
    }

    @Bean
    GreylistExpiry greylistExpiry(Greylist greylist) {
        return new GreylistExpiry(greylist, Clock.systemUTC(), EXPIRY_INTERVAL);
    }
}
