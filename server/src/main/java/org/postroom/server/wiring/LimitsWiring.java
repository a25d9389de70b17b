package org.postroom.server.wiring;

import java.time.Clock;
import java.util.Locale;

import org.postroom.server.config.LimitsProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.WebProperties;
import org.postroom.smtp.inbound.limits.SendingControl;
import org.postroom.smtp.inbound.limits.SuspensionNotices;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingPolicy;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.quarantine.Quarantine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sending limits of submission from {@code postroom.limits.*}: the server's policy (which the
 * console and the API show as the limits of users and domains without their own) and the control
 * the submission chain applies, or none when {@code enabled} is false. Counting goes by the system
 * clock; the notice of a suspension links to the user's page under {@code postroom.web.public-url},
 * in the base bundle's language (English).
 */
@Configuration(proxyBeanMethods = false)
class LimitsWiring {

    @Bean
    SendingPolicy sendingPolicy(LimitsProperties limits) {
        return limits.policy();
    }

    @Bean
    SendingControl sendingControl(LimitsProperties limits, SendingPolicy policy, SendingCounters counters,
            MailDirectory directory, MailStore store, Quarantine quarantine, PostroomProperties postroom,
            WebProperties web) {
        if (!limits.enabled()) {
            return SendingControl.off();
        }
        return SendingControl.on(counters, policy, new SuspensionNotices(directory, store, quarantine,
                postroom.hostname(), web.page(postroom.hostname(), ""), Clock.systemUTC(), Locale.ROOT),
                Clock.systemUTC());
    }
}
