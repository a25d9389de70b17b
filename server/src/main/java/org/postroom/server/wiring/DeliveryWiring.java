package org.postroom.server.wiring;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.postroom.server.config.DeliveryProperties;
import org.postroom.server.config.MtaStsProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.ShutdownProperties;
import org.postroom.smtp.SmtpStandard;
import org.postroom.smtp.dkim.MessageSigner;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.outbound.DeliverySettings;
import org.postroom.smtp.outbound.DeliveryWorkers;
import org.postroom.smtp.outbound.DnsLookup;
import org.postroom.smtp.outbound.MtaStsHops;
import org.postroom.smtp.outbound.NextHopResolver;
import org.postroom.smtp.outbound.OutboundDelivery;
import org.postroom.smtp.outbound.mtasts.MtaStsPolicies;
import org.postroom.smtp.srs.SenderRewriting;
import org.postroom.storage.directory.DomainRepository;
import org.postroom.storage.directory.MailDirectory;
import org.postroom.storage.mailbox.MailStore;
import org.postroom.storage.queue.DeliveryQueue;
import org.postroom.storage.queue.QueueSignal;
import org.postroom.storage.secret.ServerSecrets;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/** Outbound delivery from {@code postroom.delivery.*}: the workers start once the context (and its migrations) is up. */
@Configuration(proxyBeanMethods = false)
class DeliveryWiring {

    /** Where a domain's MTA-STS policy is served (RFC 8461 §3.3). */
    private static final int HTTPS_PORT = 443;

    @Bean
    MessageSigner messageSigner(DomainRepository domains) {
        return new MessageSigner(domains);
    }

    /**
     * SRS with the installation's secret: made by the first process that starts (after the
     * migrations), the same for every process after it, so any of them can check any bounce.
     */
    @Bean
    @DependsOnDatabaseInitialization
    SenderRewriting senderRewriting(ServerSecrets secrets) {
        return new SenderRewriting(secrets.secret(ServerSecrets.SRS), Clock.systemUTC());
    }

    /**
     * MX and address lookups through the server's one resolver ({@link DnsWiring}); mail hosts on
     * port 25, under their domains' MTA-STS policies unless {@code postroom.delivery.mta-sts.enabled}
     * is off. Policies are refreshed in the background on one daemon thread.
     */
    @Bean
    NextHopResolver nextHopResolver(DeliveryProperties delivery, MtaStsProperties mtaSts, DnsResolver dns) {
        DnsLookup lookup = new DnsLookup(dns, SmtpStandard.MX_PORT);
        MtaStsHops policies = null;
        if (mtaSts.enabled()) {
            ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "mta-sts-refresh");
                thread.setDaemon(true);
                return thread;
            });
            policies = new MtaStsHops(new MtaStsPolicies(dns, lookup::addresses, mtaSts.trust().context(),
                    HTTPS_PORT, mtaSts.timeout(), Clock.systemUTC(), refresher), mtaSts.trust());
        }
        return new NextHopResolver(delivery.routeMap(), delivery.relay(), lookup, policies);
    }

    @Bean
    OutboundDelivery outboundDelivery(PostroomProperties postroom, DeliveryProperties delivery, NextHopResolver resolver,
            MessageSigner signer, SenderRewriting senderRewriting, DeliveryQueue queue, MailStore store,
            MailDirectory directory, MeterRegistry meters) {
        DeliverySettings settings = new DeliverySettings(postroom.hostname(), delivery.connectTimeout(),
                delivery.readTimeout(), delivery.retries(), delivery.delayWarning());
        return OutboundDelivery.create(settings, resolver, signer, senderRewriting, queue, store, directory,
                Clock.systemUTC(), meters);
    }

    @Bean
    DeliveryWorkers deliveryWorkers(PostroomProperties postroom, DeliveryProperties delivery, DeliveryQueue queue,
            DataSource dataSource, OutboundDelivery outboundDelivery) {
        String name = postroom.hostname() + ":" + ProcessHandle.current().pid();
        return new DeliveryWorkers(queue, new QueueSignal(dataSource), outboundDelivery, new DeliveryWorkers.Settings(
                delivery.workers(), name, delivery.lease(), delivery.pollInterval(),
                // as many recipients per transaction as every server must take
                SmtpStandard.MIN_RECIPIENTS));
    }

    /**
     * Starts the workers after every bean (and Flyway) is ready. On shutdown they stop in the
     * background, together with the listeners, letting attempts under way finish within {@code
     * postroom.shutdown.grace}.
     */
    @Bean
    SmartLifecycle deliveryWorkersLifecycle(DeliveryWorkers workers, ShutdownProperties shutdown) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                workers.start();
                running = true;
            }

            @Override
            public void stop() {
                workers.close(shutdown.grace());
                running = false;
            }

            @Override
            public void stop(Runnable callback) {
                BackgroundStop.run("delivery-stop", this::stop, callback);
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return ListenerLifecycle.SHUTDOWN_PHASE;
            }
        };
    }
}
