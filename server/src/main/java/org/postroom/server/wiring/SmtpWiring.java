package org.postroom.server.wiring;

import java.net.InetSocketAddress;

import org.postroom.listener.ListenerSettings;
import org.postroom.listener.ProtocolListener;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.SmtpProperties;
import org.postroom.server.config.SmtpsProperties;
import org.postroom.server.config.SubmissionProperties;
import org.postroom.smtp.inbound.CommandTimers;
import org.postroom.smtp.inbound.InboundChains;
import org.postroom.smtp.inbound.InboundProtocol;
import org.postroom.smtp.inbound.InboundServices;
import org.postroom.smtp.inbound.InboundSettings;
import org.postroom.smtp.inbound.SmtpListeners;
import org.postroom.smtp.inbound.Spool;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The three SMTP listeners: MX on {@code postroom.smtp.port}, submission with STARTTLS on {@code
 * postroom.submission.port}, submission over implicit TLS on {@code postroom.smtps.port}, all with
 * the limits of {@code postroom.smtp.*}, the shared TLS certificate, and messages spooled under
 * {@code <data-dir>/spool} between DATA and their commit.
 */
@Configuration(proxyBeanMethods = false)
class SmtpWiring {

    @Bean
    InboundSettings inboundSettings(PostroomProperties postroom, SmtpProperties smtp) {
        return new InboundSettings(postroom.hostname(), smtp.maxMessageSize().toBytes(), smtp.maxRecipients());
    }

    @Bean
    InboundServices inboundServices(MailDirectory directory, MailStore store, Authenticator authenticator,
            LoginThrottle throttle, PostroomProperties postroom, MeterRegistry meters) {
        return new InboundServices(directory, store, authenticator, throttle,
                new Spool(postroom.dataDir().resolve("spool")), new CommandTimers(meters));
    }

    @Bean
    ListenerLifecycle smtpMxListener(InboundSettings settings, InboundServices services, SmtpProperties smtp,
            ListenerTls tls) {
        return listener(InboundChains.mx(settings, services),
                SmtpListeners.mx(new InetSocketAddress(smtp.port()), settings.hostname(), tls), smtp);
    }

    /** One chain serves both submission ports. */
    @Bean
    InboundProtocol submissionProtocol(InboundSettings settings, InboundServices services) {
        return InboundChains.submission(settings, services);
    }

    @Bean
    ListenerLifecycle smtpSubmissionListener(InboundProtocol submissionProtocol, InboundSettings settings,
            SubmissionProperties submission, SmtpProperties smtp, ListenerTls tls) {
        return listener(submissionProtocol,
                SmtpListeners.submission(new InetSocketAddress(submission.port()), settings.hostname(), tls), smtp);
    }

    @Bean
    ListenerLifecycle smtpSubmissionsListener(InboundProtocol submissionProtocol, InboundSettings settings,
            SmtpsProperties smtps, SmtpProperties smtp, ListenerTls tls) {
        return listener(submissionProtocol,
                SmtpListeners.submissions(new InetSocketAddress(smtps.port()), settings.hostname(), tls), smtp);
    }

    private static ListenerLifecycle listener(InboundProtocol protocol, ListenerSettings.Builder settings,
            SmtpProperties smtp) {
        return new ListenerLifecycle(new ProtocolListener(protocol, settings
                .idleTimeout(smtp.idleTimeout())
                .maxConnections(smtp.maxConnections())
                .maxConnectionsPerAddress(smtp.maxConnectionsPerIp())
                .build()));
    }
}
