package org.postroom.admin.security;

import org.postroom.admin.access.DomainAccess;
import org.postroom.admin.audit.AuditTrail;
import org.postroom.storage.audit.AuditChannel;
import org.postroom.storage.tokens.ApiTokens;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.Passwords;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The HTTP port's access rules, one filter chain per kind of client, tried in this order:
 * <ol>
 * <li>the REST API and the actuator: an administrator's API token ({@code Authorization: Bearer}) or,
 * unless switched off, HTTP Basic; administrators only (health is open to all, the rest of the
 * actuator to server administrators only), a read token only reading; no session,
 * no change sent by another site's page;
 * <li>the account page: a mail user's form login, kept apart from an administrator's login in
 * the same browser;
 * <li>public documents: static assets, mail-client autoconfiguration, ACME challenge answers,
 * MTA-STS policies;
 * <li>the OpenAPI description and Swagger UI, public too;
 * <li>everything else is the console: an administrator's form login.
 * </ol>
 * An administrator whose password was generated must choose their own before using the console or
 * the API. At both login forms a right password is the first step only for those with a second
 * factor (a code comes next) and for those whom a rule makes enrol one ({@link SecondFactorGate});
 * HTTP Basic on the API takes the password alone. Failed logins, and completed sign-ins at the forms,
 * are written into the audit log.
 */
@Configuration(proxyBeanMethods = false)
class SecurityChains {

    /**
     * Only this server's own scripts, styles and images; no inline script or style at all, so an
     * injected tag can do nothing; no framing (clickjacking); forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * Swagger UI's script sets inline styles, so its pages allow inline styles (never inline
     * scripts); they show no data, only the API's description.
     */
    static final String API_DESCRIPTION_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'unsafe-inline'");

    private static final RequestMatcher HEALTH = PathPatternRequestMatcher.pathPattern("/actuator/health/**");
    /** What an administrator who must change the generated password can still reach in the console. */
    private static final RequestMatcher BEFORE_PASSWORD_CHANGE = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(PasswordChangeRequired.CHANGE_PAGE),
            PathPatternRequestMatcher.pathPattern("/logout"), PathPatternRequestMatcher.pathPattern("/error"));

    @Bean
    AdminAccounts adminAccounts(AdminAccountRepository admins) {
        return new AdminAccounts(admins);
    }

    /** The session cookie is HttpOnly (the servlet container's default) and, from here, SameSite=Lax. */
    @Bean
    CookieSameSiteSupplier sameSiteCookies() {
        return CookieSameSiteSupplier.ofLax();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AdminAccounts admins, AdminAccountRepository adminAccounts,
            Authenticator authenticator, LoginThrottle throttle, DomainAccess access, ApiTokens tokens,
            ApiLogins apiLogins, AuditTrail trail) throws Exception {
        ApiAuthenticationProblems problems = new ApiAuthenticationProblems(apiLogins.basicEnabled());
        http.securityMatcher("/api/**", "/actuator/**")
                // before any credentials are looked at: a browser's cached Basic login must not carry a forged request
                .addFilterBefore(new CrossSiteApiRequests(), BasicAuthenticationFilter.class)
                .addFilterBefore(new BearerTokens(throttle, tokens, trail), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequired(adminAccounts, HEALTH, problems::passwordChangeRequired),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // load balancers and orchestrators probe without credentials; metrics and the
                        // rest of the actuator (the configuration, the beans) are for administrators
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the whole server's figures: the actuator's own handlers pass no MVC interceptor,
                        // so DomainAccess decides here that domain administrators get none of them
                        .requestMatchers("/actuator/**")
                        .access((login, request) -> new AuthorizationDecision(access.serverAdministrator()))
                        .anyRequest().access(new ApiTokenRules()))
                // mail users are known here too, so that their valid login gets 403, not 401
                .authenticationManager(new ThrottledAuthentication(trail, AuditChannel.API, throttle, adminLogin(admins),
                        new MailUserAuthentication(authenticator)))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // no cookie ever authenticates an API call, so a forged cross-site request carries no credentials
                .csrf(AbstractHttpConfigurer::disable)
                .headers(strictHeaders(CONTENT_SECURITY_POLICY));
        if (apiLogins.basicEnabled()) {
            // switched off (postroom.api.basic-enabled), a Basic header is not read at all: 401 as without one
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems));
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain account(HttpSecurity http, Authenticator authenticator, LoginThrottle throttle,
            SecondFactors factors, LoginPolicies policies, AuditTrail trail) throws Exception {
        http.securityMatcher("/account", "/account/**")
                .securityContext(context -> context.securityContextRepository(SignInForm.ACCOUNT.contexts()));
        return behindLoginForm(http, SignInForm.ACCOUNT, trail, new SecondFactorGate(
                new ThrottledAuthentication(trail, AuditChannel.ACCOUNT, throttle, new MailUserAuthentication(authenticator)),
                SignInForm.ACCOUNT,
                factors, address -> policies.ofUser(address).twoFactorRequired()))
                .formLogin(form -> form.usernameParameter("address"))
                .logout(logout -> logout.logoutUrl(SignInForm.ACCOUNT.logoutPage())
                        .logoutSuccessUrl("/account/login?signedOut"))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicDocuments(HttpSecurity http) throws Exception {
        return openToAll(http.securityMatcher("/assets/**", "/favicon.ico", "/.well-known/acme-challenge/*",
                "/.well-known/autoconfig/**", "/.well-known/mta-sts.txt",
                "/mail/config-v1.1.xml", "/autodiscover/**", "/Autodiscover/**"), CONTENT_SECURITY_POLICY);
    }

    @Bean
    @Order(4)
    SecurityFilterChain openApiDocuments(HttpSecurity http) throws Exception {
        return openToAll(http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"),
                API_DESCRIPTION_POLICY);
    }

    @Bean
    @Order(5)
    SecurityFilterChain console(HttpSecurity http, AdminAccounts admins, AdminAccountRepository adminAccounts,
            LoginThrottle throttle, SecondFactors factors, AdministratorTwoFactor administratorTwoFactor, AuditTrail trail)
            throws Exception {
        return behindLoginForm(http, SignInForm.CONSOLE, trail, new SecondFactorGate(
                new ThrottledAuthentication(trail, AuditChannel.CONSOLE, throttle, adminLogin(admins)), SignInForm.CONSOLE,
                factors,
                username -> administratorTwoFactor.requiredOf(username, adminAccounts)))
                .addFilterAfter(new PasswordChangeRequired(adminAccounts, BEFORE_PASSWORD_CHANGE,
                        PasswordChangeRequired::redirectToChangePage), AuthorizationFilter.class)
                .logout(logout -> logout.logoutSuccessUrl("/login?signedOut"))
                .build();
    }

    /** Documents anyone may read: nothing here changes state or reads a session (Outlook's autodiscover POST has no token). */
    private static SecurityFilterChain openToAll(HttpSecurity http, String contentSecurityPolicy) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .headers(strictHeaders(contentSecurityPolicy))
                .build();
    }

    /**
     * A part of the site behind a login form: the form (and the error page) is open to anyone; a
     * sign-in whose second step is missing ({@link PendingSignIn}) reaches only that step's page
     * and is sent there from any other; everything else needs the form's role. A failed login
     * comes back to the form saying why ({@link LoginFailures}).
     */
    private static HttpSecurity behindLoginForm(HttpSecurity http, SignInForm form, AuditTrail trail,
            AuthenticationManager logins)
            throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(form.loginPage(), "/error").permitAll()
                        .requestMatchers(form.codePage()).hasAuthority(PendingSignIn.Step.CODE.authority())
                        .requestMatchers(form.twoFactorPage(), form.twoFactorPage() + "/**")
                        .hasAnyAuthority(PendingSignIn.Step.ENROL.authority(), "ROLE_" + form.role())
                        .anyRequest().hasRole(form.role()))
                .authenticationManager(logins)
                .formLogin(login -> login.loginPage(form.loginPage()).failureHandler(new LoginFailures(form.loginPage()))
                        .successHandler(new SignInSuccess(form, trail)))
                .exceptionHandling(errors -> errors.accessDeniedHandler(new PendingSignInRedirect(form)))
                .headers(strictHeaders(CONTENT_SECURITY_POLICY));
    }

    private static AuthenticationProvider adminLogin(AdminAccounts admins) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(admins);
        provider.setPasswordEncoder(Passwords.encoder());
        return provider;
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> strictHeaders(String contentSecurityPolicy) {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                // written by admin.https.TransportSecurity, which knows whether the certificate deserves it
                .httpStrictTransportSecurity(HeadersConfigurer.HstsConfig::disable);
    }
}
