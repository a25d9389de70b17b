package org.postroom.server.wiring;

import java.time.Clock;

import javax.net.ssl.SSLContext;

import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.acme.CertificateAuthority;
import org.postroom.server.acme.CertificateNames;
import org.postroom.server.acme.CertificateRenewal;
import org.postroom.server.config.AcmeProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.outbound.CertificateTrust;
import org.postroom.storage.acme.AcmeChallenges;
import org.postroom.storage.acme.CertificateOrderLock;
import org.postroom.storage.acme.CertificateStore;
import org.postroom.storage.directory.DomainRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in ACME client ({@code postroom.acme.*}), when it is on and no certificate files are
 * configured (those win): every process checks the stored certificate and, one at a time, orders
 * or renews it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${postroom.acme.enabled:false} and '${postroom.tls.cert-file:}'.isBlank()")
class AcmeWiring {

    @Bean
    CertificateRenewal certificateRenewal(AcmeProperties acme, PostroomProperties postroom,
            CertificateStore store, CertificateOrderLock lock, AcmeChallenges challenges, DomainRepository domains,
            DnsResolver dns, ListenerTls listenerTls) {
        CertificateAuthority authority = new CertificateAuthority(acme.directory(), acme.email(),
                acme.trustFile() == null ? null : trust(acme), store, challenges, Clock.systemUTC());
        return new CertificateRenewal(store, lock, authority, new CertificateNames(postroom.hostname(), domains, dns),
                listenerTls, Clock.systemUTC());
    }

    /**
     * The certificate check: first right after start (once the web ports answer the CA's
     * challenges), then every {@code postroom.acme.check-interval}.
     */
    @Bean
    RepeatingJob acmeSchedule(CertificateRenewal renewal, AcmeProperties acme) {
        return new RepeatingJob("acme", renewal::check, acme.checkInterval(), "acme: the certificate check");
    }

    private static SSLContext trust(AcmeProperties acme) {
        try {
            return CertificateTrust.jdkAnd(acme.trustFile()).context();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("postroom.acme.trust-file: " + e.getMessage(), e);
        }
    }
}
