package org.postroom.smtp.inbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataLineFilter;
import org.postroom.storage.Printable;

/**
 * Prepends the trace field of RFC 5321 §4.4 to every message, and alters nothing else:
 *
 * <pre>
 * Received: from client.example.org ([192.0.2.7])
 *         (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)
 *         by mx.example.com (Postroom) with ESMTPS id 5f2a09c1
 *         for &lt;alice@example.com&gt;;
 *         Tue, 1 Jul 2025 12:00:00 +0200
 * </pre>
 *
 * The protocol word is RFC 3848's (ESMTP, ESMTPS with TLS, ESMTPA with AUTH, ESMTPSA with both);
 * "for" names the recipient only when there is exactly one, so a Bcc list never shows. The id is
 * the session id, which the session log line carries too. The TLS comment sits after "from", where
 * Postfix puts it, because it describes the client's connection.
 */
final class ReceivedHeaderFilter implements DataLineFilter {

    private static final AttachmentKey<Boolean> ADDED = AttachmentKey.of("postroom.received-added", Boolean.class);

    @Override
    public Response onLine(SMTPSession session, byte[] line, LineHandler<SMTPSession> next) {
        if (session.getAttachment(ADDED, State.Transaction).isEmpty()) {
            session.setAttachment(ADDED, Boolean.TRUE, State.Transaction);
            for (String headerLine : header(session)) {
                Response response = next.onLine(session, (headerLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
                if (response != null) {
                    return response;
                }
            }
        }
        return next.onLine(session, line);
    }

    private static List<String> header(SMTPSession session) {
        List<String> lines = new ArrayList<>();
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).map(Printable::of)
                .orElse("unknown");
        lines.add("Received: from " + helo + " (" + addressLiteral(session.getRemoteAddress().getAddress()) + ")");
        session.getSSLSession().ifPresent(tls -> lines.add("\t(using " + tls.getProtocol() + " with cipher "
                + tls.getCipherSuite() + ")"));
        String by = "\tby " + session.getConfiguration().getHelloName() + " (" + InboundConfiguration.SOFTWARE
                + ") with " + protocol(session) + " id " + session.getSessionID();
        List<MailAddress> recipients = session.getAttachment(SMTPSession.RCPT_LIST, State.Transaction).orElse(List.of());
        if (recipients.size() == 1) {
            lines.add(by);
            lines.add("\tfor <" + Printable.of(recipients.get(0).asString()) + ">;");
        } else {
            lines.add(by + ";");
        }
        lines.add("\t" + HeaderDate.now());
        return lines;
    }

    /** RFC 3848 §2 (and RFC 5321 §4.4 for the plain SMTP of HELO). */
    private static String protocol(SMTPSession session) {
        boolean ehlo = session.getAttachment(SMTPSession.CURRENT_HELO_MODE, State.Connection)
                .map("EHLO"::equals).orElse(false);
        if (!ehlo) {
            return "SMTP";
        }
        return "ESMTP" + (session.isTLSStarted() ? "S" : "") + (session.getUsername() != null ? "A" : "");
    }

    /** RFC 5321 §4.1.3: [192.0.2.7] or [IPv6:2001:db8::7]. */
    private static String addressLiteral(InetAddress address) {
        return address instanceof Inet6Address ? "[IPv6:" + address.getHostAddress() + "]"
                : "[" + address.getHostAddress() + "]";
    }
}
