package org.postroom.admin.security;

import org.postroom.admin.audit.AuditTrail;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * The console's real security chains ({@link SecurityChains}, package-private) for a {@code
 * @WebMvcTest} slice in another package, with the web security a slice does not configure by
 * itself. The slice provides what the chains check logins against (an {@code
 * AdminAccountRepository}, an {@code Authenticator}, a {@code LoginThrottle}, {@code SecondFactors},
 * {@code LoginPolicies}, {@code ApiTokens}, and the {@code AuditLog} logins are written to), as stand-ins when it sends no login; administrators need no second factor.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableWebSecurity
@Import({ SecurityChains.class, AuditTrail.class })
public class SecurityChainsForSlices {

    @Bean
    AdministratorTwoFactor administratorTwoFactor() {
        return new AdministratorTwoFactor(false);
    }

    @Bean
    ApiLogins apiLogins() {
        return new ApiLogins(true);
    }
}
