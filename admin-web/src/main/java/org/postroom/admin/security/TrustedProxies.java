package org.postroom.admin.security;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.catalina.valves.RemoteIpValve;
import org.postroom.storage.directory.NetworkRange;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Which reverse proxies may say who the client is. Only a request whose connection comes from one
 * of these networks has its {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code
 * X-Forwarded-Host} and {@code X-Forwarded-Port} believed, by Tomcat's {@link RemoteIpValve}: it
 * reads {@code X-Forwarded-For} from the right and takes the first address that is not one of the
 * proxies, so a client cannot slip a forged address past a proxy that appends to the header. The
 * client address found that way is what the login throttle counts and the logs show; a request
 * that came over HTTPS to the proxy is secure here too, so its session cookie is {@code Secure}.
 *
 * <p>With no proxy listed (the default) nothing forwarded is believed, from anyone: the address
 * is the connection's. RFC 7239's {@code Forwarded} header is never read.
 */
public final class TrustedProxies implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    private final List<NetworkRange> proxies;

    public TrustedProxies(List<NetworkRange> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        if (proxies.isEmpty()) {
            return;
        }
        RemoteIpValve valve = new RemoteIpValve();
        // a list with '/' in it is taken as CIDR blocks, not as a regular expression
        valve.setInternalProxies(proxies.stream().map(NetworkRange::cidr).collect(Collectors.joining(",")));
        valve.setTrustedProxies(null);
        valve.setRemoteIpHeader("X-Forwarded-For");
        valve.setProtocolHeader("X-Forwarded-Proto");
        valve.setHostHeader("X-Forwarded-Host");
        valve.setPortHeader("X-Forwarded-Port");
        factory.addEngineValves(valve);
    }
}
