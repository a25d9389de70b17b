package org.postroom.storage.wiring;

import javax.sql.DataSource;

import org.postroom.storage.Database;
import org.postroom.storage.audit.AuditLog;
import org.postroom.storage.tokens.ApiTokens;
import org.postroom.storage.acme.AcmeChallenges;
import org.postroom.storage.acme.CertificateOrderLock;
import org.postroom.storage.acme.CertificateStore;
import org.postroom.storage.directory.AdminAccountRepository;
import org.postroom.storage.directory.AliasRepository;
import org.postroom.storage.directory.AppPasswords;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.LoginPolicies;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.directory.UserRepository;
import org.postroom.storage.limits.SendingCounters;
import org.postroom.storage.limits.SendingLimitSettings;
import org.postroom.storage.limits.Suspensions;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;
import org.postroom.storage.mailbox.UserInbox;
import org.postroom.storage.message.MessageChecks;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.quarantine.QuarantineDigests;
import org.postroom.storage.quarantine.UserQuarantine;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.secret.ServerSecrets;
import org.postroom.storage.senders.SenderLists;
import org.postroom.storage.spam.SpamPolicies;
import org.postroom.storage.stats.MailStatistics;
import org.postroom.storage.twofactor.SecondFactors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The storage module's services over the application's {@link DataSource}, as Spring beans: the
 * one definition the server, its command line and admin-web's test application import. The
 * importing application provides the DataSource, the {@link StorageSettings} and a {@link
 * MeterRegistry}.
 */
@Configuration(proxyBeanMethods = false)
public class StorageWiring {

    @Bean
    Database database(DataSource dataSource) {
        return new Database(dataSource);
    }

    @Bean
    MailDirectory mailDirectory(Database db) {
        return new MailDirectory(db);
    }

    @Bean
    Authenticator authenticator(Database db) {
        return new Authenticator(db);
    }

    /** The failed-login counts behind the one login pipeline of SMTP, POP3 and the web. */
    @Bean
    LoginThrottle loginThrottle(Database db, StorageSettings settings, MeterRegistry meters) {
        return new LoginThrottle(db, settings.loginLimits(), meters);
    }

    @Bean
    AppPasswords appPasswords(Database db) {
        return new AppPasswords(db);
    }

    @Bean
    LoginPolicies loginPolicies(Database db) {
        return new LoginPolicies(db);
    }

    @Bean
    SecondFactors secondFactors(Database db) {
        return new SecondFactors(db);
    }

    @Bean
    DomainRepository domainRepository(Database db, StorageSettings settings) {
        return new DomainRepository(db, settings.dkimSelector());
    }

    @Bean
    UserRepository userRepository(Database db) {
        return new UserRepository(db);
    }

    @Bean
    AliasRepository aliasRepository(Database db) {
        return new AliasRepository(db);
    }

    @Bean
    AdminAccountRepository adminAccountRepository(Database db) {
        return new AdminAccountRepository(db);
    }

    @Bean
    MailStore mailStore(Database db) {
        return new MailStore(db);
    }

    @Bean
    Mailboxes mailboxes(Database db) {
        return new Mailboxes(db);
    }

    @Bean
    UserInbox userInbox(Database db) {
        return new UserInbox(db);
    }

    @Bean(destroyMethod = "close")
    MaildropLocks maildropLocks(DataSource dataSource) {
        return new MaildropLocks(dataSource);
    }

    @Bean
    DeliveryQueue deliveryQueue(Database db) {
        return new DeliveryQueue(db);
    }

    @Bean
    MessageChecks messageChecks(Database db) {
        return new MessageChecks(db);
    }

    @Bean
    Quarantine quarantine(Database db, MailDirectory directory, MessageChecks checks) {
        return new Quarantine(db, directory, checks);
    }

    @Bean
    UserQuarantine userQuarantine(Database db, MessageChecks checks) {
        return new UserQuarantine(db, checks);
    }

    @Bean
    QuarantineDigests quarantineDigests(Database db) {
        return new QuarantineDigests(db);
    }

    @Bean
    SenderLists senderLists(Database db) {
        return new SenderLists(db);
    }

    @Bean
    SpamPolicies spamPolicies(Database db) {
        return new SpamPolicies(db);
    }

    @Bean
    SendingLimitSettings sendingLimitSettings(Database db) {
        return new SendingLimitSettings(db);
    }

    @Bean
    SendingCounters sendingCounters(Database db) {
        return new SendingCounters(db);
    }

    @Bean
    Suspensions suspensions(Database db) {
        return new Suspensions(db);
    }

    @Bean
    MailStatistics mailStatistics(Database db) {
        return new MailStatistics(db);
    }

    @Bean
    ServerSecrets serverSecrets(Database db) {
        return new ServerSecrets(db);
    }

    @Bean
    CertificateStore certificateStore(Database db) {
        return new CertificateStore(db);
    }

    @Bean
    CertificateOrderLock certificateOrderLock(DataSource dataSource) {
        return new CertificateOrderLock(dataSource);
    }

    @Bean
    AcmeChallenges acmeChallenges(Database db) {
        return new AcmeChallenges(db);
    }

    @Bean
    ApiTokens apiTokens(Database db) {
        return new ApiTokens(db);
    }

    @Bean
    AuditLog auditLog(Database db) {
        return new AuditLog(db);
    }
}
