package org.postroom.smtp.inbound.checks;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.reply.Refusal;
import org.postroom.smtp.reply.Replies;
import org.postroom.smtp.reply.Reply;
import org.postroom.storage.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DMARC (RFC 7489) of every author domain of the message ({@link AuthorDomains}), from the SPF
 * and DKIM verdicts found before ({@link DmarcVerifier}), and the message's fate from the strictest
 * disposition: reject, 550 5.7.1 naming DMARC and the domain; defer (a DNS failure where the
 * policy would reject), 451 4.7.0; quarantine, delivered and held; none, delivered. A message
 * without a From: field names no author and has no DMARC verdict (RFC 7489 §6.6.1).
 */
final class DmarcCheck extends CheckHook {

    private static final Logger log = LoggerFactory.getLogger(DmarcCheck.class);

    private final DmarcVerifier verifier;
    private final CheckMeters meters;

    DmarcCheck(DnsResolver dns, CheckMeters meters) {
        super("check DMARC");
        this.verifier = new DmarcVerifier(dns);
        this.meters = meters;
    }

    @Override
    HookResult check(SMTPSession session, MailEnvelope message, MessageAuthentication findings) throws IOException {
        List<String> authors = findings.authorDomains(message);
        if (authors.isEmpty()) {
            meters.checked("dmarc", "none");
            return HookResult.DECLINED;
        }
        for (String domain : authors) {
            DmarcResult result = verifier.verify(domain, findings.spf().orElse(null), findings.dkim());
            findings.dmarc(result);
            meters.checked("dmarc", result.status().word());
        }
        DmarcResult strictest = findings.dmarc().stream()
                .max(Comparator.comparing(DmarcResult::disposition)).orElseThrow();
        meters.disposed(strictest.disposition());
        return switch (strictest.disposition()) {
            case REJECT -> refuse(session, message, strictest, Replies.DMARC_REJECTED.withText(
                    Replies.DMARC_REJECTED.text() + " " + Printable.of(strictest.domain())));
            case DEFER -> refuse(session, message, strictest, Replies.DMARC_UNVERIFIED);
            // a quarantined message is held by the commit, which logs it with its queue id
            case QUARANTINE, NONE -> HookResult.DECLINED;
        };
    }

    private static HookResult refuse(SMTPSession session, MailEnvelope message, DmarcResult result, Reply reply) {
        log.info("session {}: message from <{}> refused with {}: reason={} domain={} dmarc={} policy={}",
                session.getSessionID(), sender(message), reply.codes(), Refusal.of(reply),
                Printable.of(result.domain()), result.status().word(), result.policy().word());
        return Verdicts.of(reply);
    }
}
