package org.postroom.smtp.inbound.checks;

import java.net.InetAddress;
import java.util.Locale;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.SMTPSession;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.SpfResult.Status;
import org.postroom.smtp.inbound.hook.TransactionState;

/**
 * SPF (RFC 7208) of the client's address for the MAIL FROM domain, or for the HELO name when the
 * sender is null (§2.4), with Apache jSPF's synchronous executor on the server's resolver ({@link
 * SpfDns}): every lookup runs on the calling hook thread. Evaluated once per transaction, by
 * whoever asks first: greylisting at RCPT when it needs to know, else {@link SpfCheck} at the end
 * of DATA; the verdict is kept in transaction state, where client, sender and HELO name cannot
 * change (RSET, MAIL after the end of DATA, EHLO and STARTTLS start a new one).
 */
public final class SpfEvaluation {

    private static final AttachmentKey<SpfResult> KEY = AttachmentKey.of("postroom.spf", SpfResult.class);

    private final SPF spf;

    /** SPF over {@code dns}; {@code hostname} is this server's name for the {@code %{r}} macro. */
    public SpfEvaluation(DnsResolver dns, String hostname) {
        this.spf = new SPF(new SpfDns(dns, hostname));
    }

    /** The verdict on the session's client for the current transaction's sender, evaluated on the first call. */
    public SpfResult of(SMTPSession session) {
        return TransactionState.of(session, KEY, () -> check(session.getRemoteAddress().getAddress(),
                session.getAttachment(SMTPSession.SENDER, State.Transaction).orElse(MaybeSender.nullSender()),
                session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("")));
    }

    SpfResult check(InetAddress client, MaybeSender sender, String helo) {
        if (sender.isNullSender()) {
            String name = helo.toLowerCase(Locale.ROOT);
            if (!isDomain(name)) {
                // an address literal or no HELO at all: nothing SPF could look up
                return new SpfResult(Status.NONE, "helo", helo, "");
            }
            return new SpfResult(verdict(client, "", name), "helo", helo, name);
        }
        MailAddress address = sender.get();
        return new SpfResult(verdict(client, address.asString(), helo), "mailfrom", address.asString(),
                address.getDomain().asString());
    }

    private Status verdict(InetAddress client, String sender, String helo) {
        SPFResult result = spf.checkSPF(client.getHostAddress(), sender, helo);
        return Status.of(result.getResult());
    }

    private static boolean isDomain(String name) {
        return name.indexOf('.') > 0 && !name.startsWith("[") && !name.matches("[0-9.]+");
    }
}
