package org.postroom.pop3;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.postroom.listener.ListenerReplies;
import org.postroom.listener.ListenerSettings;
import org.postroom.listener.TransportSecurity;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.pop3.reply.Replies;

/**
 * What a POP3 listener needs to know about POP3: its name, its TLS mode, the lines the listener
 * sends on its own (limits, idle timeout, shutdown) and the line length. The caller adds the
 * operator's limits and timeout and builds the settings.
 */
public final class Pop3Listeners {

    /**
     * RFC 2449 §4 caps commands at 255 octets, but RFC 5034 §4 lifts that for AUTH, and a PLAIN
     * response for a long address and a 256-character password in UTF-8 runs to about 1 700.
     */
    public static final int MAX_LINE_LENGTH = 2048;

    /** A QUIT in progress commits in milliseconds; nothing a POP3 session does needs long to finish. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private Pop3Listeners() {
    }

    /** Port 110: plain POP3 that the client upgrades with STLS (RFC 2595 §4). */
    public static ListenerSettings.Builder stls(InetSocketAddress address, ListenerTls tls) {
        return settings("pop3", address).security(TransportSecurity.startTls(tls.startTlsEncryption(), "STLS"));
    }

    /** Port 995: TLS from the first byte (RFC 8314 §3.3). */
    public static ListenerSettings.Builder implicitTls(InetSocketAddress address, ListenerTls tls) {
        return settings("pop3s", address).security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()));
    }

    private static ListenerSettings.Builder settings(String name, InetSocketAddress address) {
        ListenerReplies replies = new ListenerReplies(
                Replies.line(Replies.TOO_MANY_CONNECTIONS),
                Replies.line(Replies.TOO_MANY_CONNECTIONS_FROM_ADDRESS),
                Replies.line(Replies.IDLE_TIMEOUT),
                Replies.line(Replies.COMMAND_TIMEOUT),
                Replies.line(Replies.DATA_TOO_SLOW),
                Replies.line(Replies.SHUTTING_DOWN),
                Replies.line(Replies.PIPELINED_AFTER_STLS));
        return ListenerSettings.builder(name, address, replies).maxLineLength(MAX_LINE_LENGTH)
                .shutdownGrace(SHUTDOWN_GRACE);
    }
}
