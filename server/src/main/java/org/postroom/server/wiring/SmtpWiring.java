package org.postroom.server.wiring;

import java.net.InetSocketAddress;
import java.time.Clock;

import org.postroom.listener.ListenerSettings;
import org.postroom.listener.ProtocolListener;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.AntispamProperties;
import org.postroom.server.config.ChecksProperties;
import org.postroom.server.config.DnsProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.ProxyProtocolProperties;
import org.postroom.server.config.ShutdownProperties;
import org.postroom.server.config.SmtpProperties;
import org.postroom.server.config.SmtpsProperties;
import org.postroom.server.config.SpoolProperties;
import org.postroom.server.config.SubmissionProperties;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.dsn.QuotaBounces;
import org.postroom.smtp.inbound.CommandTimers;
import org.postroom.smtp.inbound.InboundChains;
import org.postroom.smtp.inbound.InboundProtocol;
import org.postroom.smtp.inbound.InboundServices;
import org.postroom.smtp.inbound.InboundSettings;
import org.postroom.smtp.inbound.checks.InboundChecks;
import org.postroom.smtp.inbound.greylist.Greylisting;
import org.postroom.smtp.inbound.limits.SendingControl;
import org.postroom.smtp.inbound.SmtpListeners;
import org.postroom.smtp.inbound.Spool;
import org.postroom.smtp.inbound.senders.Dnsbl;
import org.postroom.smtp.inbound.senders.SenderPolicy;
import org.postroom.smtp.inbound.senders.TrustedForwarders;
import org.postroom.smtp.inbound.spam.SpamFilter;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.quarantine.Quarantine;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.senders.SenderLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The three SMTP listeners: MX on {@code postroom.smtp.port}, submission with STARTTLS on {@code
 * postroom.submission.port}, submission over implicit TLS on {@code postroom.smtps.port}, all with
 * the limits and timeouts of {@code postroom.smtp.*}, the shared TLS certificate, messages spooled under
 * {@code <data-dir>/spool} between DATA and their commit (no new transaction below {@code
 * postroom.spool.min-free-space}), the checks of mail received on port 25
 * ({@code postroom.checks.*}), its judgement of senders ({@code postroom.antispam.*}), its
 * greylisting ({@link GreylistWiring}), the spam filter of received and submitted mail
 * ({@link SpamWiring}), the sending limits of submission ({@link LimitsWiring}), and
 * {@code postroom.shutdown.grace} for the transactions in flight at shutdown.
 */
@Configuration(proxyBeanMethods = false)
class SmtpWiring {

    private static final Logger log = LoggerFactory.getLogger(SmtpWiring.class);

    @Bean
    InboundSettings inboundSettings(PostroomProperties postroom, SmtpProperties smtp) {
        return new InboundSettings(postroom.hostname(), smtp.maxMessageSize().toBytes(), smtp.maxRecipients());
    }

    @Bean
    QuotaBounces quotaBounces(PostroomProperties postroom, MailStore store, MailDirectory directory,
            DeliveryQueue queue) {
        return QuotaBounces.create(postroom.hostname(), store, directory, queue, Clock.systemUTC());
    }

    /** The DNS blocklists of {@code postroom.antispam.dnsbl.zones}, asked through the server's resolver. */
    @Bean
    Dnsbl dnsbl(AntispamProperties antispam, DnsResolver resolver, DnsProperties dns, MeterRegistry meters) {
        return new Dnsbl(antispam.dnsbl().zones(), resolver, dns.timeout(), meters);
    }

    /** {@code postroom.antispam.trusted-forwarders}, for the DMARC decision on port 25. */
    @Bean
    TrustedForwarders trustedForwarders(AntispamProperties antispam, DnsResolver resolver) {
        return TrustedForwarders.of(antispam.trustedForwarders(), resolver);
    }

    /**
     * The checks of mail received on port 25 ({@code postroom.checks.enabled}), asking the server's
     * one resolver; with the checks off only forged Authentication-Results fields are removed.
     */
    @Bean
    InboundChecks inboundChecks(ChecksProperties checks, PostroomProperties postroom, DnsResolver dns,
            MailDirectory directory, TrustedForwarders forwarders, MeterRegistry meters) {
        if (!checks.enabled()) {
            log.warn("postroom.checks.enabled=false: mail received on port 25 is neither authenticated (SPF, DKIM,"
                    + " DMARC) nor refused for a forged sender in our own domains");
            return InboundChecks.off(postroom.hostname());
        }
        return InboundChecks.on(postroom.hostname(), dns, directory, forwarders, meters);
    }

    @Bean
    Spool spool(PostroomProperties postroom, SpoolProperties spool) {
        return new Spool(postroom.dataDir().resolve("spool"), spool.minFreeSpace().toBytes());
    }

    @Bean
    InboundServices inboundServices(MailDirectory directory, MailStore store, Quarantine quarantine,
            Authenticator authenticator, LoginThrottle throttle, Spool spool, QuotaBounces quotaBounces,
            SenderRewriting senderRewriting, SenderLists senderLists, Dnsbl dnsbl, Greylisting greylisting,
            InboundChecks checks, SpamFilter spam, SendingControl sending, MeterRegistry meters) {
        return new InboundServices(directory, store, quarantine, authenticator, throttle,
                spool, quotaBounces, senderRewriting,
                new SenderPolicy(senderLists, dnsbl), greylisting, checks, spam, sending, new CommandTimers(meters),
                meters);
    }

    @Bean
    ListenerLifecycle smtpMxListener(InboundSettings settings, InboundServices services, SmtpProperties smtp,
            ShutdownProperties shutdown, ProxyProtocolProperties proxy, ListenerTls tls) {
        return listener(InboundChains.mx(settings, services),
                SmtpListeners.mx(new InetSocketAddress(smtp.port()), settings.hostname(), tls), smtp, shutdown, proxy);
    }

    /** One chain serves both submission ports. */
    @Bean
    InboundProtocol submissionProtocol(InboundSettings settings, InboundServices services) {
        return InboundChains.submission(settings, services);
    }

    @Bean
    ListenerLifecycle smtpSubmissionListener(InboundProtocol submissionProtocol, InboundSettings settings,
            SubmissionProperties submission, SmtpProperties smtp, ShutdownProperties shutdown,
            ProxyProtocolProperties proxy, ListenerTls tls) {
        return listener(submissionProtocol,
                SmtpListeners.submission(new InetSocketAddress(submission.port()), settings.hostname(), tls), smtp,
                shutdown, proxy);
    }

    @Bean
    ListenerLifecycle smtpSubmissionsListener(InboundProtocol submissionProtocol, InboundSettings settings,
            SmtpsProperties smtps, SmtpProperties smtp, ShutdownProperties shutdown, ProxyProtocolProperties proxy,
            ListenerTls tls) {
        return listener(submissionProtocol,
                SmtpListeners.submissions(new InetSocketAddress(smtps.port()), settings.hostname(), tls), smtp,
                shutdown, proxy);
    }

    private static ListenerLifecycle listener(InboundProtocol protocol, ListenerSettings.Builder settings,
            SmtpProperties smtp, ShutdownProperties shutdown, ProxyProtocolProperties proxy) {
        return new ListenerLifecycle(new ProtocolListener(protocol, settings
                .idleTimeout(smtp.idleTimeout())
                .commandTimeout(smtp.commandTimeout())
                .minDataRate((int) smtp.dataMinRate().toBytes(), smtp.dataRateWindow())
                .maxConnections(smtp.maxConnections())
                .maxConnectionsPerAddress(smtp.maxConnectionsPerIp())
                .shutdownGrace(shutdown.grace())
                .proxyProtocol(proxy.proxyProtocol())
                .build()));
    }
}
