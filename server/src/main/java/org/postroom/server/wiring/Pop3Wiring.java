package org.postroom.server.wiring;

import java.net.InetSocketAddress;

import org.postroom.listener.ListenerSettings;
import org.postroom.listener.ProtocolListener;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.pop3.Pop3Listeners;
import org.postroom.pop3.Pop3Protocol;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.postroom.server.config.Pop3Properties;
import org.postroom.server.config.Pop3sProperties;
import org.postroom.server.config.PostroomProperties;
import org.postroom.server.config.ProxyProtocolProperties;
import org.postroom.server.config.ShutdownProperties;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The POP3 module: one protocol (handler chain) served by two listeners, POP3 with STLS on
 * {@code postroom.pop3.port} and POP3S on {@code postroom.pop3s.port}, both with the limits and
 * timeouts of {@code postroom.pop3.*} and the one TLS certificate of {@link TlsWiring}.
 */
@Configuration(proxyBeanMethods = false)
class Pop3Wiring {

    @Bean
    MaildropLogin maildropLogin(Authenticator authenticator, LoginThrottle throttle, MaildropLocks locks,
            Mailboxes mailboxes, Pop3Properties pop3) {
        return new MaildropLogin(throttle.attempts(authenticator, LoginProtocol.POP3), locks, mailboxes,
                pop3.allowPlaintextAuth());
    }

    @Bean
    Pop3Protocol pop3Protocol(PostroomProperties postroom, MaildropLogin login, MeterRegistry meters) {
        return new Pop3Protocol(postroom.hostname(), login, meters);
    }

    @Bean
    ListenerLifecycle pop3Listener(Pop3Protocol protocol, ListenerTls tls, Pop3Properties pop3,
            ShutdownProperties shutdown, ProxyProtocolProperties proxy) {
        return listener(protocol, Pop3Listeners.stls(new InetSocketAddress(pop3.port()), tls), pop3, shutdown, proxy);
    }

    @Bean
    ListenerLifecycle pop3sListener(Pop3Protocol protocol, ListenerTls tls, Pop3Properties pop3, Pop3sProperties pop3s,
            ShutdownProperties shutdown, ProxyProtocolProperties proxy) {
        return listener(protocol, Pop3Listeners.implicitTls(new InetSocketAddress(pop3s.port()), tls), pop3, shutdown,
                proxy);
    }

    /** At shutdown a QUIT in progress (its UPDATE step) finishes within {@code postroom.shutdown.grace}. */
    private static ListenerLifecycle listener(Pop3Protocol protocol, ListenerSettings.Builder settings, Pop3Properties pop3,
            ShutdownProperties shutdown, ProxyProtocolProperties proxy) {
        return new ListenerLifecycle(new ProtocolListener(protocol, settings.idleTimeout(pop3.idleTimeout())
                .commandTimeout(pop3.commandTimeout()).maxConnections(pop3.maxConnections())
                .maxConnectionsPerAddress(pop3.maxConnectionsPerIp()).shutdownGrace(shutdown.grace())
                .proxyProtocol(proxy.proxyProtocol()).build()));
    }
}
