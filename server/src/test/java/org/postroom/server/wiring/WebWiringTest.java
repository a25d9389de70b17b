package org.postroom.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.postroom.admin.security.TrustedProxies;
import org.postroom.server.config.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Forwarded headers are believed only from {@code postroom.web.trusted-proxies}: Spring Boot's own
 * strategies, which the README once advised and which believe any private address, stop the start.
 */
class WebWiringTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebProperties.class)
    @Import(WebWiring.class)
    static class Web {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Web.class);

    @Test
    void trustedProxiesComeFromTheirProperty() {
        runner.withPropertyValues("postroom.web.trusted-proxies=172.16.0.0/12").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(TrustedProxies.class);
        });
    }

    @Test
    void springBootsOwnForwardedHeaderStrategiesAreRefusedWithTheReplacementNamed() {
        for (String strategy : new String[] { "native", "framework", "NATIVE" }) {
            runner.withPropertyValues("server.forward-headers-strategy=" + strategy).run(context -> {
                assertThat(context).as(strategy).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("server.forward-headers-strategy")
                        .hasMessageContaining("postroom.web.trusted-proxies");
            });
        }
        runner.withPropertyValues("server.forward-headers-strategy=none").run(context -> assertThat(context).hasNotFailed());
    }
}
