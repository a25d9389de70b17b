package org.postroom.pop3;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.postroom.listener.ProtocolListener;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.pop3.Pop3Fixture.Settings;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.postroom.storage.Database;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginLimits;
import org.postroom.storage.directory.LoginProtocol;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * One POP3 server process as the application runs it: its own connection pool, maildrop locks, and
 * the two real listeners (STLS and implicit TLS) on loopback port 0, over a shared database.
 */
final class Pop3Process implements AutoCloseable {

    private final HikariDataSource pool;
    private final MaildropLocks locks;
    private final ProtocolListener stls;
    private final ProtocolListener implicitTls;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    Pop3Process(String databaseUrl, ListenerTls tls, Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(databaseUrl);
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
        Database db = new Database(pool);
        locks = new MaildropLocks(pool);
        LoginThrottle throttle = new LoginThrottle(db, new LoginLimits(settings.maxFailures(), Duration.ofMinutes(5),
                settings.failureDelay(), 10, Duration.ofMinutes(5), settings.accountMaxDelay(), List.of()), meters);
        MaildropLogin login = new MaildropLogin(throttle.attempts(new Authenticator(db), LoginProtocol.POP3), locks,
                new Mailboxes(db), settings.allowPlaintextAuth());
        Pop3Protocol protocol = new Pop3Protocol("pop.example.com", login, meters);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        stls = new ProtocolListener(protocol, Pop3Listeners.stls(loopback, tls)
                .idleTimeout(settings.idleTimeout()).commandTimeout(settings.commandTimeout())
                .maxConnectionsPerAddress(settings.maxConnectionsPerIp()).hookThreads(4).ioThreads(2).build());
        implicitTls = new ProtocolListener(protocol, Pop3Listeners.implicitTls(loopback, tls)
                .idleTimeout(settings.idleTimeout()).commandTimeout(settings.commandTimeout()).hookThreads(4)
                .ioThreads(2).build());
        stls.bind();
        implicitTls.bind();
    }

    /** The POP3 port, with STLS. */
    int port() {
        return stls.port();
    }

    /** The POP3S port, TLS from the first byte. */
    int tlsPort() {
        return implicitTls.port();
    }

    /** Connections open on both listeners. */
    int openConnections() {
        return stls.openConnections() + implicitTls.openConnections();
    }

    /** What this process counted: sessions, failed logins. */
    SimpleMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        stls.unbind();
        implicitTls.unbind();
        locks.close();
        pool.close();
    }
}
