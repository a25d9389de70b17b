package org.postroom.admin.access;

import java.util.Map;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Before every handler of the console and the API: a domain administrator reaches only handlers
 * marked {@link DomainScoped} or {@link NoDomainData}, and of a {@link DomainScoped} one only with
 * the domains, addresses and held messages of their own domains in its path and its {@code domain}
 * parameter. Everyone else passes (Spring Security's rules have let only administrators this far;
 * a server administrator may do everything). Of the handlers outside Postroom's own code, the
 * OpenAPI description and Swagger UI (public anyway) and static files pass, and so does Spring's
 * error page on an error dispatch; any other is for server administrators only. (The actuator's
 * endpoints have a handler mapping of their own that no MVC interceptor sees: {@code
 * SecurityChains} asks {@link DomainAccess} for them.)
 */
final class DomainAdministratorGate implements HandlerInterceptor {

    private static final String OWN_PACKAGE = "org.postroom.admin.";
    private static final String API_DESCRIPTION_PACKAGE = "org.springdoc.";

    private final DomainAccess access;

    DomainAdministratorGate(DomainAccess access) {
        this.access = access;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
                || method.getBeanType().getName().startsWith(API_DESCRIPTION_PACKAGE)
                || annotated(method, NoDomainData.class) != null
                || DomainAccess.signedInAdministrator() == null || access.scope().server()) {
            return true;
        }
        DomainScoped scoped = method.getBeanType().getName().startsWith(OWN_PACKAGE)
                ? annotated(method, DomainScoped.class) : null;
        if (scoped == null) {
            throw new ServerAdministratorsOnly();
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables != null) {
            variables.forEach((name, value) -> check(scoped, name, value));
        }
        String domain = request.getParameter("domain");
        if (domain != null && !domain.isBlank()) {
            access.requireDomain(domain);
        }
        return true;
    }

    private void check(DomainScoped scoped, String variable, String value) {
        switch (variable) {
            case "name" -> access.requireDomain(value);
            case "address" -> access.requireAddress(value);
            case "id" -> {
                if (!scoped.heldMessageId()) {
                    throw new ServerAdministratorsOnly();
                }
                access.requireHeldMessage(heldMessageId(value));
            }
            default -> throw new ServerAdministratorsOnly();
        }
    }

    private static long heldMessageId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw new OutsideYourDomains("held message " + value);
        }
    }

    private static <A extends java.lang.annotation.Annotation> A annotated(HandlerMethod method, Class<A> annotation) {
        A onMethod = method.getMethodAnnotation(annotation);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), annotation);
    }
}
