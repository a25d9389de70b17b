package org.postroom.server.wiring;

import org.postroom.admin.https.AcmeHttpPort;
import org.postroom.admin.https.HttpsPort;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.listener.tls.TlsPolicy;
import org.postroom.server.config.AcmeProperties;
import org.postroom.server.config.HttpsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The web ports besides {@code server.port}: the console's HTTPS ({@code postroom.https.*}) with the
 * mail listeners' certificate and TLS policy, and, with ACME on, a plain-HTTP port for the CA's
 * challenges ({@code postroom.acme.http-port}) unless {@code server.port} is that port already.
 */
@Configuration(proxyBeanMethods = false)
class HttpsWiring {

    @Bean
    @ConditionalOnProperty(prefix = "postroom.https", name = "enabled", havingValue = "true", matchIfMissing = true)
    HttpsPort httpsPort(HttpsProperties https, ListenerTls tls) {
        return new HttpsPort(https.port(), tls.jdkContext(), TlsPolicy.PROTOCOLS, TlsPolicy.CIPHER_SUITES,
                () -> !tls.currentCertificate().selfSigned());
    }

    @Bean
    @ConditionalOnExpression("${postroom.acme.enabled:false} and '${postroom.tls.cert-file:}'.isBlank()"
            + " and '${postroom.acme.http-port:80}' != '${server.port:8080}'")
    AcmeHttpPort acmeHttpPort(AcmeProperties acme) {
        return new AcmeHttpPort(acme.httpPort());
    }
}
