package org.postroom.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad value stops start-up with a message that names the property. */
class ConfigurationValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ PostroomProperties.class, AuthProperties.class, DkimProperties.class,
            TlsProperties.class, Pop3Properties.class, Pop3sProperties.class })
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void defaultsNeedNoConfiguration() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PostroomProperties.class).hostname()).isNotBlank();
            assertThat(context.getBean(AuthProperties.class).maxFailures()).isEqualTo(10);
            assertThat(context.getBean(DkimProperties.class).selector()).isEqualTo("postroom");
            assertThat(context.getBean(TlsProperties.class).configured()).isFalse();
            Pop3Properties pop3 = context.getBean(Pop3Properties.class);
            assertThat(pop3.port()).isEqualTo(110);
            assertThat(pop3.allowPlaintextAuth()).isFalse();
            assertThat(pop3.idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(10));
            assertThat(context.getBean(Pop3sProperties.class).port()).isEqualTo(995);
        });
    }

    @Test
    void aBadExemptNetworkIsNamed() {
        assertFailsNaming("postroom.auth.exempt-networks=10.0.0.0/8,not-a-network", "postroom.auth.exempt-networks");
    }

    @Test
    void aNonNumericLimitIsNamed() {
        assertFailsNaming("postroom.auth.max-failures=lots", "postroom.auth.max-failures");
    }

    @Test
    void aHalfConfiguredCertificateIsNamed() {
        assertFailsNaming("postroom.tls.cert-file=/etc/ssl/fullchain.pem", "postroom.tls.key-file");
    }

    @Test
    void anUnreadableCertificateIsNamed() {
        runner.withPropertyValues("postroom.tls.cert-file=/nonexistent/cert.pem", "postroom.tls.key-file=/nonexistent/key.pem")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("postroom.tls.cert-file"));
    }

    @Test
    void aBadHostnameIsNamed() {
        assertFailsNaming("postroom.hostname=mail server", "postroom.hostname");
    }

    @Test
    void aBadSelectorIsNamed() {
        assertFailsNaming("postroom.dkim.selector=Not_A_Label", "postroom.dkim.selector");
    }

    @Test
    void aPop3IdleTimeoutBelowTenMinutesIsNamed() {
        assertFailsNaming("postroom.pop3.idle-timeout=5m", "postroom.pop3.idle-timeout");
    }

    @Test
    void aBadPop3PortIsNamed() {
        assertFailsNaming("postroom.pop3.port=70000", "postroom.pop3.port");
        assertFailsNaming("postroom.pop3s.port=-1", "postroom.pop3s.port");
    }

    @Test
    void aPerIpLimitAboveTheTotalIsNamed() {
        assertFailsNaming("postroom.pop3.max-connections-per-ip=5000", "postroom.pop3.max-connections-per-ip");
    }

    private void assertFailsNaming(String property, String name) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(name);
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
