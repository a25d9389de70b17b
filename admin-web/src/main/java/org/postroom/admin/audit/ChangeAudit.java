package org.postroom.admin.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.postroom.admin.access.DomainAccess;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.audit.AuditEvent;
import org.postroom.storage.tokens.ApiToken;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one place where changes made through the console, the API and the account page are written
 * into the audit log: after every handler of Postroom's own code that is not a safe method and
 * returned normally with a status below 400 (a refusal, which every handler throws, is no change),
 * an entry names the signed-in person, the client, the action ({@link #action}: the controller's
 * noun and the handler's name, e.g. {@code user.delete}), the domain and target the request was
 * about (its path variables, or what the handler had {@link DomainAccess} check in its body), the
 * request's path and its form fields. Fields whose name says they hold a secret (a password, a
 * code, a token) are named without their value; a JSON body is not read. A handler of no
 * person's change writes its own entry ({@link AuditedElsewhere}).
 */
final class ChangeAudit implements HandlerInterceptor {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String OWN_PACKAGE = "org.postroom.admin.";
    private static final Set<String> SECRET_WORDS = Set.of("password", "secret", "code", "token", "recovery");
    private static final Set<String> NOT_RECORDED = Set.of("_csrf");
    private static final int MAX_VALUE = 100;
    private static final Set<String> SIGNED_IN_ROLES = Set.of("ROLE_ADMIN", "ROLE_USER");

    private final AuditTrail trail;
    private final DomainAccess access;

    ChangeAudit(AuditTrail trail, DomainAccess access) {
        this.trail = trail;
        this.access = access;
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView view) {
        if (SAFE_METHODS.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)
                || !audited(method)) {
            return;
        }
        int status = view != null && view.getStatus() != null ? view.getStatus().value() : response.getStatus();
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (status >= 400 || !signedIn(login)) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Subject subject = subject(variables == null ? Map.of() : variables, request.getParameter("domain"));
        AuditChannel channel = channel(request);
        // a mail user's own change is about their domain, for its administrators to see
        String domain = subject.domain() == null && channel == AuditChannel.ACCOUNT
                ? DomainAccess.domainOf(login.getName()) : subject.domain();
        trail.changed(new AuditEvent(login.getName(), channel, request.getRemoteAddr(), action(method), domain,
                subject.target(), detail(request, login)));
    }

    /** An administrator or a mail user; not an anonymous visitor, nor a sign-in whose second step is missing. */
    private static boolean signedIn(Authentication login) {
        return login != null && login.isAuthenticated() && login.getAuthorities().stream()
                .anyMatch(authority -> SIGNED_IN_ROLES.contains(authority.getAuthority()));
    }

    /** True for a handler of Postroom's own code that does not write its own entry. */
    static boolean audited(HandlerMethod method) {
        return method.getBeanType().getName().startsWith(OWN_PACKAGE) && !method.hasMethodAnnotation(AuditedElsewhere.class);
    }

    /** The action's name: the controller's noun ({@code UserApi}, {@code UserPages}: {@code user}) and the handler's name. */
    static String action(HandlerMethod method) {
        String controller = method.getBeanType().getSimpleName().replaceFirst("(Api|Pages|Page)$", "");
        return Character.toLowerCase(controller.charAt(0)) + controller.substring(1) + "." + method.getMethod().getName();
    }

    private record Subject(String domain, String target) {
    }

    private Subject subject(Map<String, String> variables, String domainParameter) {
        var checked = access.checked();
        if (checked.isPresent()) {
            return new Subject(checked.get().domain(), checked.get().target());
        }
        if (variables.containsKey("address")) {
            String address = variables.get("address");
            return new Subject(DomainAccess.domainOf(address), address);
        }
        if (variables.containsKey("name")) {
            return new Subject(variables.get("name"), variables.get("name"));
        }
        String target = variables.values().stream().findFirst().orElse(null);
        boolean domainGiven = domainParameter != null && !domainParameter.isBlank();
        return new Subject(domainGiven ? domainParameter : null, target);
    }

    private static AuditChannel channel(HttpServletRequest request) {
        String path = request.getServletPath();
        if (path.startsWith("/api/")) {
            return AuditChannel.API;
        }
        return path.equals("/account") || path.startsWith("/account/") ? AuditChannel.ACCOUNT : AuditChannel.CONSOLE;
    }

    private static String detail(HttpServletRequest request, Authentication login) {
        StringJoiner detail = new StringJoiner(" ");
        detail.add(request.getMethod() + " " + request.getRequestURI());
        if (login.getDetails() instanceof ApiToken token) {
            detail.add("with token " + token.prefix());
        }
        if (HttpMethod.POST.matches(request.getMethod()) && request.getContentType() != null
                && request.getContentType().startsWith("application/x-www-form-urlencoded")) {
            request.getParameterMap().forEach((name, values) -> {
                if (!NOT_RECORDED.contains(name)) {
                    detail.add(name + "=" + (secret(name) ? "(not recorded)" : value(values)));
                }
            });
        }
        return detail.toString();
    }

    private static boolean secret(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(name::contains);
    }

    private static String value(String[] values) {
        String value = String.join(",", values);
        return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value;
    }
}
