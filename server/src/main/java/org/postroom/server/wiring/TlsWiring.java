package org.postroom.server.wiring;

import org.postroom.listener.tls.ListenerTls;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.TlsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one TLS certificate every mail listener presents: the operator's PEM files when
 * {@code postroom.tls.cert-file} is set (reloaded when they are replaced), else a self-signed
 * pair generated once under {@code <data-dir>/tls} for {@code postroom.hostname}.
 */
@Configuration(proxyBeanMethods = false)
public class TlsWiring {

    @Bean
    ListenerTls listenerTls(TlsProperties tls, PostroomProperties postroom) {
        return tls.configured() ? ListenerTls.fromPemFiles(tls.certFile(), tls.keyFile())
                : ListenerTls.selfSigned(postroom.dataDir().resolve("tls"), postroom.hostname());
    }
}
