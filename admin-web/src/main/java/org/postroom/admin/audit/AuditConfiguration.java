package org.postroom.admin.audit;

import org.postroom.admin.access.DomainAccess;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts {@link ChangeAudit} after every handler. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration implements WebMvcConfigurer {

    private final AuditTrail trail;
    private final DomainAccess access;

    AuditConfiguration(AuditTrail trail, DomainAccess access) {
        this.trail = trail;
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ChangeAudit(trail, access));
    }
}
