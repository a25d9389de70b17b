package org.postroom.server.wiring;

import java.net.InetSocketAddress;
import java.util.List;

import org.postroom.admin.domain.DnsWatch;
import org.postroom.admin.domain.Zone;
import org.postroom.server.config.DeliveryProperties;
import org.postroom.server.config.DnsProperties;
import org.postroom.smtp.dns.DnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server's one DNS resolver ({@code postroom.dns.*}) with its cache, shared by outbound
 * delivery, the checks of received mail and the console's check of the domains' records, so that a
 * record looked up by one is cached for the others.
 */
@Configuration(proxyBeanMethods = false)
class DnsWiring {

    private static final Logger log = LoggerFactory.getLogger(DnsWiring.class);

    @Bean
    DnsResolver dnsResolver(DnsProperties dns, DeliveryProperties delivery) {
        return DnsResolver.using(servers(dns, delivery), dns.timeout());
    }

    /** The console's DNS check asks through the same resolver. */
    @Bean
    Zone zone(DnsResolver dns) {
        return new ResolverZone(dns);
    }

    /** The dashboard's list of domains that lack records, refreshed every {@code postroom.dns.check-interval}. */
    @Bean
    RepeatingJob dnsWatchSchedule(DnsWatch watch, DnsProperties dns) {
        return new RepeatingJob("dns-watch", watch::refresh, dns.checkInterval(),
                "dns: the background check of the domains' records");
    }

    /**
     * {@code postroom.dns.servers}; where it is empty, the older {@code postroom.delivery.dns-servers}
     * still counts, for every lookup now. Either way the old property gets a warning.
     */
    static List<InetSocketAddress> servers(DnsProperties dns, DeliveryProperties delivery) {
        if (delivery.resolvers().isEmpty()) {
            return dns.resolvers();
        }
        if (dns.resolvers().isEmpty()) {
            log.warn("postroom.delivery.dns-servers is deprecated and now serves every DNS lookup:"
                    + " set postroom.dns.servers instead");
            return delivery.resolvers();
        }
        log.warn("postroom.delivery.dns-servers is ignored: postroom.dns.servers is set and serves every DNS lookup");
        return dns.resolvers();
    }
}
