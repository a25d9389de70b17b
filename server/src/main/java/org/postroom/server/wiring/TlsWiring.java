package org.postroom.server.wiring;

import java.util.Locale;

import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.TlsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one TLS certificate every mail listener presents: the operator's PEM files when
 * {@code postroom.tls.cert-file} is set (reloaded when they are replaced), else a self-signed
 * pair generated once under {@code <data-dir>/tls} for {@code postroom.hostname}; served by the
 * TLS engine {@code postroom.tls.engine} chooses.
 */
@Configuration(proxyBeanMethods = false)
public class TlsWiring {

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsWiring.class);

    @Bean
    ListenerTls listenerTls(TlsProperties tls, PostroomProperties postroom) {
        ListenerTls listenerTls = tls.configured() ? ListenerTls.fromPemFiles(tls.certFile(), tls.keyFile(), tls.engine())
                : ListenerTls.selfSigned(postroom.dataDir().resolve("tls"), postroom.hostname(), tls.engine());
        LOGGER.info("mail listeners' TLS: {} (postroom.tls.engine={}), certificate {}", listenerTls.engineDescription(),
                tls.engine().name().toLowerCase(Locale.ROOT), listenerTls.currentCertificate().subject());
        return listenerTls;
    }
}
