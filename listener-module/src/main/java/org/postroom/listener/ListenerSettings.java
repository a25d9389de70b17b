package org.postroom.listener;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one {@link ProtocolListener} needs to know, fixed before it binds. Build it with
 * {@link #builder}; every setting but the name, address and replies has a default.
 *
 * @param name                     short lower-case name, e.g. {@code smtp-mx}; used in logs and thread
 *                                 names ({@code smtp-mx-io-1}, {@code smtp-mx-hooks-3})
 * @param address                  where to listen; port 0 picks a free port (tests)
 * @param replies                  the protocol's lines for refusals, idle timeout and shutdown
 * @param security                 plain, STARTTLS/STLS or implicit TLS; default plain
 * @param maxConnections           open connections at most; further clients get
 *                                 {@link ListenerReplies#tooManyConnections()}; default 1000
 * @param maxConnectionsPerAddress open connections from one IPv4 address or IPv6 /64 at most;
 *                                 default 50 (offices behind one NAT address poll POP3 together)
 * @param idleTimeout              close a connection after this long without a command or reply
 *                                 progress; default 5 minutes (RFC 5321 §4.5.3.2.7)
 * @param commandTimeout           a line the client has begun must be complete this long after its
 *                                 first byte (time the server spends on earlier commands does not
 *                                 count), else {@link ListenerReplies#commandTimeout()} and close;
 *                                 default 60 seconds. Against clients that trickle a command byte
 *                                 by byte, which the idle timeout alone never ends
 * @param minDataBytes             during a {@link DataPhase} the client must send at least this
 *                                 many bytes in every {@code dataWindow}, else {@link
 *                                 ListenerReplies#dataTooSlow()} and close; default 1024
 * @param dataWindow               the window of {@code minDataBytes}; default 60 seconds
 * @param maxLineLength            longest command or data line in bytes including CRLF; longer lines
 *                                 get the protocol's line-too-long reply; default 8192
 * @param maxPendingCommands       commands of one connection handed to the hook threads but not yet
 *                                 answered; further input stays unread in the socket; default 64
 * @param hookThreads              threads running the protocol's handlers and hooks, shared by all
 *                                 connections; size it to the database pool; default 16
 * @param ioThreads                Netty I/O threads; default the number of processors
 * @param backlog                  pending connections the kernel queues before accept; default 250
 * @param shutdownGrace            how long {@code unbind()} waits for commands in progress (a DATA
 *                                 commit) before closing connections; default 30 seconds
 * @param proxyProtocol            which peers are load balancers that begin each connection with a
 *                                 PROXY header naming the client; default none
 */
public record ListenerSettings(String name, InetSocketAddress address, ListenerReplies replies,
                               TransportSecurity security, int maxConnections, int maxConnectionsPerAddress,
                               Duration idleTimeout, Duration commandTimeout, int minDataBytes,
                               Duration dataWindow, int maxLineLength, int maxPendingCommands,
                               int hookThreads, int ioThreads, int backlog, Duration shutdownGrace,
                               ProxyProtocol proxyProtocol) {

    /** RFC 5321 §4.5.3.1.4: a command line may be 512 octets; shorter limits break real clients. */
    private static final int MIN_LINE_LENGTH = 512;

    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("name must be lower-case words joined by '-': " + name);
        }
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(replies, "replies");
        Objects.requireNonNull(security, "security");
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxConnectionsPerAddress, "maxConnectionsPerAddress");
        requireAtLeast(idleTimeout, Duration.ofSeconds(1), "idleTimeout");
        requireAtLeast(commandTimeout, Duration.ofSeconds(1), "commandTimeout");
        requirePositive(minDataBytes, "minDataBytes");
        requireAtLeast(dataWindow, Duration.ofSeconds(1), "dataWindow");
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException("maxLineLength must be at least " + MIN_LINE_LENGTH + ": " + maxLineLength);
        }
        requirePositive(maxPendingCommands, "maxPendingCommands");
        requirePositive(hookThreads, "hookThreads");
        requirePositive(ioThreads, "ioThreads");
        requirePositive(backlog, "backlog");
        requireAtLeast(shutdownGrace, Duration.ZERO, "shutdownGrace");
        Objects.requireNonNull(proxyProtocol, "proxyProtocol");
    }

    /** Settings with defaults for everything but what identifies the listener. */
    public static Builder builder(String name, InetSocketAddress address, ListenerReplies replies) {
        return new Builder(name, address, replies);
    }

    private static void requirePositive(int value, String setting) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1: " + value);
        }
    }

    private static void requireAtLeast(Duration value, Duration minimum, String setting) {
        Objects.requireNonNull(value, setting);
        if (value.compareTo(minimum) < 0) {
            throw new IllegalArgumentException(setting + " must be at least " + minimum + ": " + value);
        }
    }

    /** Collects the optional settings; {@link #build()} validates them all at once. */
    public static final class Builder {
        private final String name;
        private final InetSocketAddress address;
        private final ListenerReplies replies;
        private TransportSecurity security = TransportSecurity.plain();
        private int maxConnections = 1000;
        private int maxConnectionsPerAddress = 50;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private Duration commandTimeout = Duration.ofSeconds(60);
        private int minDataBytes = 1024;
        private Duration dataWindow = Duration.ofSeconds(60);
        private int maxLineLength = 8192;
        private int maxPendingCommands = 64;
        private int hookThreads = 16;
        private int ioThreads = Runtime.getRuntime().availableProcessors();
        private int backlog = 250;
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private ProxyProtocol proxyProtocol = ProxyProtocol.off();

        private Builder(String name, InetSocketAddress address, ListenerReplies replies) {
            this.name = name;
            this.address = address;
            this.replies = replies;
        }

        public Builder security(TransportSecurity security) {
            this.security = security;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder commandTimeout(Duration commandTimeout) {
            this.commandTimeout = commandTimeout;
            return this;
        }

        /** At least {@code minBytes} in every {@code window} of a {@link DataPhase}. */
        public Builder minDataRate(int minBytes, Duration window) {
            this.minDataBytes = minBytes;
            this.dataWindow = window;
            return this;
        }

        public Builder maxLineLength(int maxLineLength) {
            this.maxLineLength = maxLineLength;
            return this;
        }

        public Builder maxPendingCommands(int maxPendingCommands) {
            this.maxPendingCommands = maxPendingCommands;
            return this;
        }

        public Builder hookThreads(int hookThreads) {
            this.hookThreads = hookThreads;
            return this;
        }

        public Builder ioThreads(int ioThreads) {
            this.ioThreads = ioThreads;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
            return this;
        }

        public Builder proxyProtocol(ProxyProtocol proxyProtocol) {
            this.proxyProtocol = proxyProtocol;
            return this;
        }

        public ListenerSettings build() {
            return new ListenerSettings(name, address, replies, security, maxConnections, maxConnectionsPerAddress,
                    idleTimeout, commandTimeout, minDataBytes, dataWindow, maxLineLength, maxPendingCommands,
                    hookThreads, ioThreads, backlog, shutdownGrace, proxyProtocol);
        }
    }
}
