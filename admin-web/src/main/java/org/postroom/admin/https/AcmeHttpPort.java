package org.postroom.admin.https;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * A plain-HTTP port besides {@code server.port} where an ACME CA's HTTP-01 requests arrive (port 80
 * of the certificate's names, forwarded here); it serves the same application, so everything but
 * the challenge, autoconfiguration and health is redirected to HTTPS like on {@code server.port}.
 */
public final class AcmeHttpPort implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int port;

    public AcmeHttpPort(int port) {
        this.port = port;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector http = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        http.setPort(port);
        factory.addAdditionalConnectors(http);
    }
}
