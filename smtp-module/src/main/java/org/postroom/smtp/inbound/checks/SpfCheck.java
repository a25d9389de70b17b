package org.postroom.smtp.inbound.checks;

import java.net.InetAddress;
import java.util.Locale;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.SpfResult.Status;

/**
 * SPF (RFC 7208) of the client's address for the MAIL FROM domain, or for the HELO name when the
 * sender is null (§2.4), with Apache jSPF's synchronous executor on the server's resolver
 * ({@link SpfDns}): every lookup runs on this hook thread. It only records the verdict; what
 * follows from it is decided by {@link OwnDomainCheck} and {@link DmarcCheck}.
 */
final class SpfCheck implements MessageHook {

    private final SPF spf;
    private final CheckMeters meters;

    SpfCheck(DnsResolver dns, String hostname, CheckMeters meters) {
        this.spf = new SPF(new SpfDns(dns, hostname));
        this.meters = meters;
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope message) {
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse("");
        SpfResult result = check(session.getRemoteAddress().getAddress(), message.getMaybeSender(), helo);
        MessageAuthentication.in(session).spf(result);
        meters.checked("spf", result.status().word());
        return HookResult.DECLINED;
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
