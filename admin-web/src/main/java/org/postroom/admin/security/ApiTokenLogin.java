package org.postroom.admin.security;

import java.util.List;

import org.postroom.storage.tokens.ApiToken;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request's login by an API token: its owner administrator, with the token as the details, so
 * that {@link org.postroom.admin.access.DomainAccess} narrows the owner's scope to the token's
 * domain and {@link ApiTokenRules} keeps a read token to reading.
 */
final class ApiTokenLogin extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String owner;

    ApiTokenLogin(ApiToken token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + AdminAccounts.ROLE)));
        this.owner = token.owner();
        setDetails(token);
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return owner;
    }

    ApiToken token() {
        return (ApiToken) getDetails();
    }
}
