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
            TlsProperties.class, AdminProperties.class })
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
            assertThat(context.getBean(AdminProperties.class).username()).isEqualTo("admin");
            assertThat(context.getBean(AdminProperties.class).password()).isNull();
        });
    }

    @Test
    void aWeakAdministratorPasswordIsNamed() {
        assertFailsNaming("postroom.admin.password=admin", "postroom.admin.password");
    }

    @Test
    void anAdministratorNameWithAColonIsNamed() {
        assertFailsNaming("postroom.admin.username=ad:min", "postroom.admin.username");
    }

    @Test
    void theAdministratorPasswordNeverShowsInTheConfigurationsText() {
        runner.withPropertyValues("postroom.admin.password=a long secret 123").run(context -> {
            AdminProperties admin = context.getBean(AdminProperties.class);
            assertThat(admin.password()).isEqualTo("a long secret 123");
            assertThat(admin.toString()).doesNotContain("secret").contains("(set)");
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
