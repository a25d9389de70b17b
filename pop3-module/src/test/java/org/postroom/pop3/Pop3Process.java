package org.postroom.pop3;

import java.net.InetSocketAddress;

import org.apache.james.protocols.netty.LineDelimiterBasedChannelHandlerFactory;
import org.apache.james.protocols.netty.NettyServer;
import org.postroom.pop3.Pop3Fixture.Settings;
import org.postroom.pop3.maildrop.MaildropLogin;
import org.postroom.storage.Database;
import org.postroom.storage.directory.Authenticator;
import org.postroom.storage.directory.LoginThrottle;
import org.postroom.storage.mailbox.MaildropLocks;
import org.postroom.storage.mailbox.Mailboxes;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** One POP3 server process: its own connection pool, maildrop locks and listener, on a shared database. */
final class Pop3Process implements AutoCloseable {

    static final int MAX_LINE_LENGTH = 1024;

    private final HikariDataSource pool;
    private final MaildropLocks locks;
    private final NettyServer server;

    Pop3Process(String databaseUrl, Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(databaseUrl);
        config.setUsername("postgres");
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
        Database db = new Database(pool);
        locks = new MaildropLocks(pool);
        MaildropLogin login = new MaildropLogin(new Authenticator(db),
                new LoginThrottle(db, settings.maxFailures(), java.time.Duration.ofMinutes(5), settings.failureDelay(),
                        java.util.List.of()),
                locks, new Mailboxes(db), settings.allowPlaintextAuth());
        server = new NettyServer.Factory().protocol(new Pop3Protocol("pop.example.com", login))
                .frameHandlerFactory(new LineDelimiterBasedChannelHandlerFactory(MAX_LINE_LENGTH)).build();
        server.setListenAddresses(new InetSocketAddress("127.0.0.1", 0));
        server.setTimeout((int) settings.idleTimeout().toSeconds());
        server.setGracefulShutdown(false);
        try {
            server.bind();
        } catch (Exception e) {
            throw new IllegalStateException("bind the POP3 test server", e);
        }
    }

    int port() {
        return server.getListenAddresses().get(0).getPort();
    }

    @Override
    public void close() {
        server.unbind();
        locks.close();
        pool.close();
    }
}
