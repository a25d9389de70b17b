package org.postroom.server.wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.postroom.listener.ProtocolListener;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.monitoring.CertificateGauge;
import org.postroom.server.monitoring.ListenerGauges;
import org.postroom.server.monitoring.MailListenersHealth;
import org.postroom.server.monitoring.QueueGauges;
import org.postroom.server.monitoring.SpoolSpaceHealth;
import org.postroom.smtp.inbound.Spool;
import org.postroom.storage.queue.DeliveryQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health and gauges over every mail listener, the SMTP spool's free space, the outbound queue and the TLS certificate.
 * The health indicators are the contributors {@code mailListeners} and {@code spoolSpace} of the readiness group
 * (application.properties).
 */
@Configuration(proxyBeanMethods = false)
class MonitoringWiring {

    /** A scrape every few seconds costs at most one queue query per this period. */
    private static final Duration QUEUE_SUMMARY_MAX_AGE = Duration.ofSeconds(5);

    @Bean
    MailListenersHealth mailListeners(List<ListenerLifecycle> listeners) {
        return new MailListenersHealth(protocolListeners(listeners));
    }

    @Bean
    SpoolSpaceHealth spoolSpace(Spool spool) {
        return new SpoolSpaceHealth(spool);
    }

    @Bean
    ListenerGauges listenerGauges(List<ListenerLifecycle> listeners) {
        return new ListenerGauges(protocolListeners(listeners));
    }

    @Bean
    QueueGauges queueGauges(DeliveryQueue queue) {
        return new QueueGauges(queue::summary, QUEUE_SUMMARY_MAX_AGE, Clock.systemUTC());
    }

    @Bean
    CertificateGauge certificateGauge(ListenerTls tls) {
        return new CertificateGauge(tls::currentCertificate, Clock.systemUTC());
    }

    private static List<ProtocolListener> protocolListeners(List<ListenerLifecycle> listeners) {
        return listeners.stream().map(ListenerLifecycle::listener).toList();
    }
}
