package org.postroom.server.wiring;

import org.postroom.admin.security.TrustedProxies;
import org.postroom.server.config.WebProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The HTTP server's view of reverse proxies: forwarded headers count only from
 * {@code postroom.web.trusted-proxies}.
 */
@Configuration(proxyBeanMethods = false)
class WebWiring {

    static final String SPRING_STRATEGY = "server.forward-headers-strategy";

    /**
     * @throws IllegalStateException when Spring Boot's own handling of forwarded headers is
     *         switched on: {@code native} believes them from every private and loopback address
     *         (in a container, that is every client that comes through the port mapping), {@code
     *         framework} from anyone
     */
    @Bean
    TrustedProxies trustedProxies(WebProperties web, Environment environment) {
        String strategy = environment.getProperty(SPRING_STRATEGY, "none");
        if (!strategy.equalsIgnoreCase("none")) {
            throw new IllegalStateException(SPRING_STRATEGY + "=" + strategy + " would believe X-Forwarded-For from "
                    + "clients that are not your proxy; remove it and list your reverse proxies in "
                    + "postroom.web.trusted-proxies instead");
        }
        return new TrustedProxies(web.trustedProxyRanges());
    }
}
