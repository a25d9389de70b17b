package org.postroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The SMTP listeners' settings: defaults from the RFCs, and a bad value stops start-up naming the property. */
class SmtpConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ SmtpProperties.class, SubmissionProperties.class, SmtpsProperties.class,
            AntispamProperties.class, GreylistingProperties.class })
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void theDefaultsAreTheStandardPortsAndLimits() {
        runner.run(context -> {
            SmtpProperties smtp = context.getBean(SmtpProperties.class);
            assertThat(smtp.port()).isEqualTo(25);
            assertThat(context.getBean(SubmissionProperties.class).port()).isEqualTo(587);
            assertThat(context.getBean(SmtpsProperties.class).port()).isEqualTo(465);
            assertThat(smtp.maxMessageSize()).isEqualTo(DataSize.ofMegabytes(25));
            assertThat(smtp.maxRecipients()).isEqualTo(100);
            assertThat(smtp.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(smtp.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(smtp.dataMinRate()).isEqualTo(DataSize.ofKilobytes(1));
            assertThat(smtp.dataRateWindow()).isEqualTo(Duration.ofSeconds(60));
            assertThat(smtp.maxConnections()).isEqualTo(1000);
            assertThat(smtp.maxConnectionsPerIp()).isEqualTo(50);
        });
    }

    @Test
    void fewerThanTheHundredRecipientsOfRfc5321AreRefused() {
        assertFailsNaming("postroom.smtp.max-recipients=50", "postroom.smtp.max-recipients");
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertFailsNaming("postroom.submission.port=70000", "postroom.submission.port");
        assertFailsNaming("postroom.smtps.port=-1", "postroom.smtps.port");
        assertFailsNaming("postroom.smtp.port=smtp", "postroom.smtp.port");
    }

    @Test
    void aTinyMessageSizeLimitIsNamed() {
        assertFailsNaming("postroom.smtp.max-message-size=10B", "postroom.smtp.max-message-size");
    }

    @Test
    void badTimeoutsAndConnectionLimitsAreNamed() {
        assertFailsNaming("postroom.smtp.idle-timeout=0s", "postroom.smtp.idle-timeout");
        assertFailsNaming("postroom.smtp.command-timeout=500ms", "postroom.smtp.command-timeout");
        assertFailsNaming("postroom.smtp.data-min-rate=0B", "postroom.smtp.data-min-rate");
        assertFailsNaming("postroom.smtp.data-min-rate=3GB", "postroom.smtp.data-min-rate");
        assertFailsNaming("postroom.smtp.data-rate-window=0s", "postroom.smtp.data-rate-window");
        assertFailsNaming("postroom.smtp.max-connections=0", "postroom.smtp.max-connections");
        assertFailsNaming("postroom.smtp.max-connections-per-ip=0", "postroom.smtp.max-connections-per-ip");
    }

    @Test
    void noBlocklistsAndNoTrustedForwardersByDefault() {
        runner.run(context -> {
            AntispamProperties antispam = context.getBean(AntispamProperties.class);
            assertThat(antispam.dnsbl().zones()).isEmpty();
            assertThat(antispam.trustedForwarders()).isEmpty();
        });
    }

    @Test
    void blocklistZonesAndTrustedForwardersAreTakenAsGiven() {
        runner.withPropertyValues("postroom.antispam.dnsbl.zones=zen.spamhaus.org,bl.example.net",
                "postroom.antispam.trusted-forwarders=192.0.2.0/24,2001:db8::25,lists.example.org").run(context -> {
                    AntispamProperties antispam = context.getBean(AntispamProperties.class);
                    assertThat(antispam.dnsbl().zones()).containsExactly("zen.spamhaus.org", "bl.example.net");
                    assertThat(antispam.trustedForwarders()).containsExactly("192.0.2.0/24", "2001:db8::25",
                            "lists.example.org");
                });
    }

    @Test
    void aBadBlocklistZoneOrTrustedForwarderIsNamed() {
        assertFailsNaming("postroom.antispam.dnsbl.zones=zen.spamhaus.org,not a zone", "postroom.antispam.dnsbl.zones");
        assertFailsNaming("postroom.antispam.trusted-forwarders=192.0.2.0/33", "postroom.antispam.trusted-forwarders");
        assertFailsNaming("postroom.antispam.trusted-forwarders=host_name.example",
                "postroom.antispam.trusted-forwarders");
    }

    @Test
    void greylistingIsOffByDefaultWithAFiveMinuteDelayAndAThirtySixDayPass() {
        runner.run(context -> {
            GreylistingProperties greylisting = context.getBean(GreylistingProperties.class);
            assertThat(greylisting.enabled()).isFalse();
            assertThat(greylisting.delay()).isEqualTo(Duration.ofMinutes(5));
            assertThat(greylisting.passLifetime()).isEqualTo(Duration.ofDays(36));
        });
    }

    @Test
    void aBareGreylistingDelayCountsSecondsAndABarePassLifetimeDays() {
        runner.withPropertyValues("postroom.antispam.greylisting.enabled=true", "postroom.antispam.greylisting.delay=300",
                "postroom.antispam.greylisting.pass-lifetime=7").run(context -> {
                    GreylistingProperties greylisting = context.getBean(GreylistingProperties.class);
                    assertThat(greylisting.enabled()).isTrue();
                    assertThat(greylisting.delay()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(greylisting.passLifetime()).isEqualTo(Duration.ofDays(7));
                });
    }

    @Test
    void aGreylistingDelayOutsideOneSecondToOneDayOrAPassLifetimeUnderADayIsNamed() {
        assertFailsNaming("postroom.antispam.greylisting.delay=0s", "postroom.antispam.greylisting.delay");
        assertFailsNaming("postroom.antispam.greylisting.delay=25h", "postroom.antispam.greylisting.delay");
        assertFailsNaming("postroom.antispam.greylisting.pass-lifetime=12h", "postroom.antispam.greylisting.pass-lifetime");
        assertFailsNaming("postroom.antispam.greylisting.enabled=maybe", "postroom.antispam.greylisting.enabled");
    }

    private void assertFailsNaming(String property, String name) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(name);
        });
    }
}
