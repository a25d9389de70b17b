package org.postroom.admin.https;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link TransportSecurity} in front of every request, Spring Security's filters included,
 * with the console's {@link HttpsPort} when the application has one.
 */
@Configuration(proxyBeanMethods = false)
class HttpsFilters {

    @Bean
    FilterRegistrationBean<TransportSecurity> transportSecurity(ObjectProvider<HttpsPort> https) {
        FilterRegistrationBean<TransportSecurity> registration = new FilterRegistrationBean<>(
                new TransportSecurity(https.getIfAvailable()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
