package org.postroom.smtp.inbound.checks;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.Printable;
import org.postroom.storage.directory.DomainName;
import org.postroom.storage.directory.MailDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own domains are never spoofable from outside. On port 25 no client logs in, so our users'
 * mail never arrives there; a message whose envelope sender or any From: address is in one of
 * our domains must be authenticated for that domain by a pass of SPF or of a DKIM signature,
 * aligned in the relaxed sense of RFC 7489 §3.1 (the same organisational domain), or it is refused
 * with 550 5.7.1, whatever the domain publishes: a forged From: of our domain would otherwise reach
 * our users, and through a forwarding alias leave again under our name. Where a DNS failure kept
 * SPF or DKIM from deciding, 451 4.7.0: the real sender retries.
 */
final class OwnDomainCheck extends CheckHook {

    private static final Logger log = LoggerFactory.getLogger(OwnDomainCheck.class);

    private final MailDirectory directory;

    OwnDomainCheck(MailDirectory directory) {
        super("check senders in local domains");
        this.directory = directory;
    }

    @Override
    HookResult check(SMTPSession session, MailEnvelope message, MessageAuthentication findings) throws IOException {
        Set<String> claimed = new LinkedHashSet<>();
        message.getMaybeSender().asOptional()
                .ifPresent(sender -> claimed.add(DomainName.canonical(sender.getDomain().asString())));
        claimed.addAll(findings.authorDomains(message));
        Optional<SpfResult> spf = findings.spf();
        // what SPF or DKIM authenticates needs no look at the directory, whoever's domain it is
        List<String> unauthenticated = claimed.stream()
                .filter(domain -> !alignedResult(domain, spf, findings.dkim(), SpfResult.Status.PASS,
                        DkimResult.Status.PASS))
                .filter(directory::isLocalDomain)
                .toList();
        if (unauthenticated.isEmpty()) {
            return HookResult.DECLINED;
        }
        boolean unsure = unauthenticated.stream().anyMatch(domain -> alignedResult(domain, spf, findings.dkim(),
                SpfResult.Status.TEMPERROR, DkimResult.Status.TEMPERROR));
        Refusal reason = unsure ? Refusal.OWN_DOMAIN_UNVERIFIED : Refusal.OWN_DOMAIN_SPOOFED;
        Reply reply = reason.reply();
        log.info("session {}: message from <{}> refused with {}: reason={} domains={} spf={} dkim={}",
                session.getSessionID(), sender(message), reply.codes(), reason,
                Printable.of(String.join(",", unauthenticated)),
                spf.map(result -> result.status().word()).orElse("-"),
                findings.dkim().stream().map(result -> result.status().word() + ":" + Printable.of(result.domain()))
                        .toList());
        return Verdicts.of(reply);
    }

    /** Whether SPF or a DKIM signature came to {@code spfStatus} or {@code dkimStatus} for a domain aligned with {@code domain}. */
    private static boolean alignedResult(String domain, Optional<SpfResult> spf, List<DkimResult> dkim,
            SpfResult.Status spfStatus, DkimResult.Status dkimStatus) {
        return spf.filter(result -> result.status() == spfStatus && aligned(result.domain(), domain)).isPresent()
                || dkim.stream().anyMatch(result -> result.status() == dkimStatus && aligned(result.domain(), domain));
    }

    /** Relaxed alignment, as DMARC has it (RFC 7489 §3.1). */
    private static boolean aligned(String identifier, String domain) {
        return DmarcVerifier.aligned(identifier, domain, false);
    }
}
