package org.postroom.server.wiring;

import org.postroom.admin.antispam.SpamTeacher;
import org.postroom.server.config.RspamdProperties;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.rspamd.RspamdController;
import org.postroom.smtp.rspamd.RspamdScanner;
import org.postroom.storage.spam.SpamPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The spam filter from {@code postroom.antispam.rspamd.*}: rspamd's scans for the SMTP chains
 * ({@link SpamFilter}, off without a URL), and its learning for the web side ({@link SpamTeacher},
 * none without a controller URL).
 */
@Configuration(proxyBeanMethods = false)
class SpamWiring {

    private static final Logger log = LoggerFactory.getLogger(SpamWiring.class);

    @Bean
    SpamFilter spamFilter(RspamdProperties rspamd, SpamPolicies policies, MeterRegistry meters) {
        if (!rspamd.enabled()) {
            return SpamFilter.off();
        }
        log.info("spam filter: rspamd at {}, messages up to {} bytes, timeout {}, fail {}", rspamd.scanUrl(),
                rspamd.maxSize().toBytes(), rspamd.timeout(), rspamd.fail());
        return SpamFilter.rspamd(new RspamdScanner(rspamd.scanUrl(), rspamd.timeout()), rspamd.maxSize().toBytes(),
                rspamd.fail(), policies, meters);
    }

    @Bean
    SpamTeacher spamTeacher(RspamdProperties rspamd) {
        if (rspamd.learnUrl() == null) {
            return SpamTeacher.none();
        }
        return new RspamdTeacher(new RspamdController(rspamd.learnUrl(), rspamd.password(), rspamd.timeout()));
    }
}
