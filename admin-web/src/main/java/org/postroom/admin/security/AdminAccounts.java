package org.postroom.admin.security;

import org.postroom.storage.directory.AdminAccountRepository;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** Administrators as Spring Security sees them: their stored hash and the role ADMIN. */
final class AdminAccounts implements UserDetailsService {

    static final String ROLE = "ADMIN";

    private final AdminAccountRepository admins;

    AdminAccounts(AdminAccountRepository admins) {
        this.admins = admins;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return admins.passwordHash(username)
                .map(hash -> User.withUsername(username).password(hash).roles(ROLE).build())
                .orElseThrow(() -> new UsernameNotFoundException("no administrator " + username));
    }
}
