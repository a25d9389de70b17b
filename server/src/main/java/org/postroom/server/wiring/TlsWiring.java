package org.postroom.server.wiring;

import java.util.Locale;

import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.AcmeProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.TlsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one TLS certificate every mail listener and the console's HTTPS present: the operator's PEM
 * files when {@code postroom.tls.cert-file} is set (reloaded when they are replaced); else, with
 * {@code postroom.acme.enabled}, the certificate ordered from the ACME CA ({@link AcmeWiring}),
 * installed under {@code <data-dir>/tls}; else a self-signed pair generated once under {@code
 * <data-dir>/tls} for {@code postroom.hostname}. Served by the TLS engine {@code
 * postroom.tls.engine} chooses.
 */
@Configuration(proxyBeanMethods = false)
public class TlsWiring {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsWiring.class);

    @Bean
    ListenerTls listenerTls(TlsProperties tls, AcmeProperties acme, PostroomProperties postroom) {
        ListenerTls listenerTls;
        if (tls.configured()) {
            if (acme.enabled()) {
                LOGGER.warn("postroom.acme.enabled is ignored: postroom.tls.cert-file names the certificate to use");
            }
            listenerTls = ListenerTls.fromPemFiles(tls.certFile(), tls.keyFile(), tls.engine());
        } else if (acme.enabled()) {
            listenerTls = ListenerTls.installable(postroom.dataDir().resolve("tls"), postroom.hostname(), tls.engine());
        } else {
            listenerTls = ListenerTls.selfSigned(postroom.dataDir().resolve("tls"), postroom.hostname(), tls.engine());
        }
        LOGGER.info("mail listeners' TLS: {} (postroom.tls.engine={}), certificate {}", listenerTls.engineDescription(),
                tls.engine().name().toLowerCase(Locale.ROOT), listenerTls.currentCertificate().subject());
        return listenerTls;
    }
}
