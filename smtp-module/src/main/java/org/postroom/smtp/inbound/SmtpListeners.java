package org.postroom.smtp.inbound;

import java.net.InetSocketAddress;

import org.postroom.listener.ListenerReplies;
import org.postroom.listener.ListenerSettings;
import org.postroom.listener.TransportSecurity;
import org.postroom.listener.tls.ListenerTls;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;

/**
 * The listener settings of the three SMTP ports, with what only SMTP knows: the names, the
 * STARTTLS command, and the replies the listener sends when it refuses or closes a connection
 * (RFC 5321 §3.8 puts the server's name after the code). Limits and timeouts are left to the
 * caller's builder.
 */
public final class SmtpListeners {

    private static final String STARTTLS = "STARTTLS";

    private SmtpListeners() {
    }

    /** Port 25: STARTTLS offered to whoever wants it (RFC 3207), never required. */
    public static ListenerSettings.Builder mx(InetSocketAddress address, String hostname, ListenerTls tls) {
        return ListenerSettings.builder("smtp-mx", address, replies(hostname))
                .security(TransportSecurity.startTls(tls.startTlsEncryption(), STARTTLS));
    }

    /** Port 587: STARTTLS, then AUTH (RFC 6409). */
    public static ListenerSettings.Builder submission(InetSocketAddress address, String hostname, ListenerTls tls) {
        return ListenerSettings.builder("smtp-submission", address, replies(hostname))
                .security(TransportSecurity.startTls(tls.startTlsEncryption(), STARTTLS));
    }

    /** Port 465: TLS from the first byte (RFC 8314 §3.3), then AUTH. */
    public static ListenerSettings.Builder submissions(InetSocketAddress address, String hostname, ListenerTls tls) {
        return ListenerSettings.builder("smtp-submissions", address, replies(hostname))
                .security(TransportSecurity.implicitTls(tls.implicitTlsEncryption()));
    }

    /** The listener's own replies in SMTP's words. */
    public static ListenerReplies replies(String hostname) {
        return new ListenerReplies(line(Replies.TOO_MANY_CONNECTIONS, hostname),
                line(Replies.TOO_MANY_CONNECTIONS_FROM_ADDRESS, hostname),
                line(Replies.IDLE_TIMEOUT, hostname),
                line(Replies.COMMAND_TIMEOUT, hostname),
                line(Replies.DATA_TOO_SLOW, hostname),
                line(Replies.SHUTTING_DOWN, hostname),
                line(Replies.PIPELINED_AFTER_STARTTLS, hostname));
    }

    private static String line(Reply reply, String hostname) {
        return reply.withText(hostname + " " + reply.text()).line();
    }
}
