package org.postroom.admin.security;

import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call the API beyond the actuator: administrators, and of the logins by an API token
 * ({@link ApiTokenLogin}) a read token only with safe methods; no token manages tokens (so that a
 * token narrowed to a domain cannot make one that is not). What a token's owner may do, and its
 * domain, is {@link org.postroom.admin.access.DomainAccess}'s to decide after this.
 */
final class ApiTokenRules implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String TOKENS = "/api/v1/tokens";

    @Override
    public AuthorizationDecision authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Authentication login = authentication.get();
        if (login instanceof ApiTokenLogin token) {
            String path = context.getRequest().getServletPath();
            boolean tokens = path.equals(TOKENS) || path.startsWith(TOKENS + "/");
            boolean reads = SAFE_METHODS.contains(context.getRequest().getMethod());
            return new AuthorizationDecision(!tokens && (reads || token.token().write()));
        }
        return new AuthorizationDecision(login != null && login.isAuthenticated() && login.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + AdminAccounts.ROLE).equals(authority.getAuthority())));
    }
}
