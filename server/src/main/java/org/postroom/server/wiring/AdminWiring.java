package org.postroom.server.wiring;

import java.time.Duration;

import org.postroom.admin.security.AdministratorTwoFactor;
import org.postroom.admin.security.ApiLogins;
import org.postroom.admin.security.BootstrapAdministrator;
import org.postroom.admin.settings.ServerSettings;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.AdminProperties;
import org.postroom.server.config.ApiProperties;
import org.postroom.server.config.AuditProperties;
import org.postroom.server.config.Pop3Properties;
import org.postroom.server.config.Pop3sProperties;
import org.postroom.server.config.AcmeProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.SmtpProperties;
import org.postroom.server.config.SmtpsProperties;
import org.postroom.server.config.SubmissionProperties;
import org.postroom.server.config.TlsProperties;
import org.postroom.smtp.inbound.Spool;
import org.postroom.storage.acme.CertificateStore;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.directory.AdminAccountRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web console's needs from the server: the bootstrap administrator and the administrators'
 * two-factor rule from {@code postroom.admin.*}, whether the API takes HTTP Basic ({@code
 * postroom.api.*}), the audit log's purge ({@code postroom.audit.*}), and the server's settings it displays. (admin-web's controllers and
 * security rules are found by the application's component scan.)
 */
@Configuration(proxyBeanMethods = false)
class AdminWiring {

    @Bean
    BootstrapAdministrator bootstrapAdministrator(AdminAccountRepository admins, AdminProperties admin) {
        return new BootstrapAdministrator(admins, admin.username(), admin.password());
    }

    /** {@code postroom.admin.two-factor-required}: whether administrators must sign in with a second factor. */
    @Bean
    AdministratorTwoFactor administratorTwoFactor(AdminProperties admin) {
        return new AdministratorTwoFactor(admin.twoFactorRequired());
    }

    /** {@code postroom.api.basic-enabled}: whether the API takes HTTP Basic besides API tokens. */
    @Bean
    ApiLogins apiLogins(ApiProperties api) {
        return new ApiLogins(api.basicEnabled());
    }

    /** {@code postroom.audit.retention}: purged every hour, so nothing outstays it by much. */
    @Bean
    AuditExpiry auditExpiry(AuditLog audit, AuditProperties properties) {
        return new AuditExpiry(audit, properties.retention(), Duration.ofHours(1));
    }

    @Bean
    ServerSettings serverSettings(PostroomProperties server, SmtpProperties smtp, SubmissionProperties submission,
            SmtpsProperties smtps, Pop3Properties pop3, Pop3sProperties pop3s, ListenerTls tls, TlsProperties tlsFiles,
            AcmeProperties acme, CertificateStore certificates, Spool spool) {
        // the certificate files win over ACME (TlsWiring): then there is no renewal to show
        CertificateStore renewals = acme.enabled() && !tlsFiles.configured() ? certificates : null;
        return new ListenerServerSettings(server, smtp, submission, smtps, pop3, pop3s, tls, acme.directory(), renewals,
                spool);
    }
}
