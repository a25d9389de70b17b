package org.postroom.admin.security;

import java.util.List;

import org.postroom.storage.directory.AuthenticatedUser;
import org.postroom.storage.directory.Authenticator;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A mail user's login with full address and password, checked by storage's {@link Authenticator}
 * exactly as SMTP AUTH and POP3 check it. The principal's name is the canonical address.
 */
final class MailUserAuthentication implements AuthenticationProvider {

    static final String ROLE = "USER";

    private final Authenticator authenticator;

    MailUserAuthentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        Object password = login.getCredentials();
        AuthenticatedUser user = authenticator.verify(login.getName(), password == null ? null : password.toString())
                .orElseThrow(() -> new BadCredentialsException("wrong address or password"));
        return UsernamePasswordAuthenticationToken.authenticated(user.address(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
