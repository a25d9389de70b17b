package org.postroom.smtp.inbound.checks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.postroom.smtp.dns.DnsResolver;
import org.postroom.smtp.inbound.checks.DmarcResult.Disposition;
import org.postroom.smtp.inbound.hook.Verdicts;
import org.postroom.smtp.inbound.senders.AllowListed;
import org.postroom.smtp.inbound.senders.TrustedForwarders;
import org.postroom.smtp.reply.Refusal;
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
 *
 * <p>This is the one place that decides it, and two things override the policy (RFC 7489 §6.7,
 * local policy): a client that is a trusted forwarder gets every disposition delivered, and a
 * sender on the allow list of every recipient ({@link AllowListed}) gets a quarantine delivered.
 * Either way the verdict stays in Authentication-Results, with {@code dis=none} and the exemption
 * as its reason. The own-domain rule ({@link OwnDomainCheck}) has refused before, whatever these say.
 */
final class DmarcCheck extends CheckHook {

    private static final Logger log = LoggerFactory.getLogger(DmarcCheck.class);

    /** The exemptions, as the disposition counter and the log line name them. */
    private static final String TRUSTED_FORWARDER = "trusted-forwarder";
    private static final String ALLOW_LISTED = "allow-listed";

    private final DmarcVerifier verifier;
    private final TrustedForwarders forwarders;
    private final CheckMeters meters;

    DmarcCheck(DnsResolver dns, TrustedForwarders forwarders, CheckMeters meters) {
        super("check DMARC");
        this.verifier = new DmarcVerifier(dns);
        this.forwarders = forwarders;
        this.meters = meters;
    }

    @Override
    HookResult check(SMTPSession session, MailEnvelope message, MessageAuthentication findings) throws IOException {
        List<String> authors = findings.authorDomains(message);
        if (authors.isEmpty()) {
            meters.checked("dmarc", "none");
            return HookResult.DECLINED;
        }
        List<DmarcResult> results = new ArrayList<>();
        for (String domain : authors) {
            DmarcResult result = verifier.verify(domain, findings.spf().orElse(null), findings.dkim());
            results.add(result);
            meters.checked("dmarc", result.status().word());
        }
        DmarcResult strictest = results.stream().max(Comparator.comparing(DmarcResult::disposition)).orElseThrow();
        Optional<String> exemption = exemption(session, message, strictest.disposition());
        if (exemption.isPresent()) {
            results.stream()
                    .map(result -> result.disposition() == Disposition.NONE ? result : result.delivered(exemption.get()))
                    .forEach(findings::dmarc);
            meters.disposed(exemption.get());
            log.info("session {}: message from <{}> failing DMARC delivered: disposition={} domain={} dmarc={}"
                    + " policy={}", session.getSessionID(), sender(message), exemption.get(),
                    Printable.of(strictest.domain()), strictest.status().word(), strictest.policy().word());
            return HookResult.DECLINED;
        }
        results.forEach(findings::dmarc);
        meters.disposed(strictest.disposition().word());
        return switch (strictest.disposition()) {
            case REJECT -> refuse(session, message, strictest, Refusal.DMARC_REJECTED, Printable.of(strictest.domain()));
            case DEFER -> refuse(session, message, strictest, Refusal.DMARC_UNVERIFIED, "");
            // a quarantined message is held by the commit, which logs it with its queue id
            case QUARANTINE, NONE -> HookResult.DECLINED;
        };
    }

    /**
     * What spares the message {@code disposition}, if anything: the client being a trusted
     * forwarder (asked only then: a forwarder named by host name costs a DNS lookup), or, for a
     * quarantine, the sender on the allow list of every recipient.
     */
    private Optional<String> exemption(SMTPSession session, MailEnvelope message, Disposition disposition) {
        if (disposition == Disposition.NONE) {
            return Optional.empty();
        }
        if (forwarders.contains(session.getRemoteAddress().getAddress())) {
            return Optional.of(TRUSTED_FORWARDER);
        }
        if (disposition == Disposition.QUARANTINE && AllowListed.forAll(session,
                message.getRecipients().stream().map(MailAddress::asString).toList())) {
            return Optional.of(ALLOW_LISTED);
        }
        return Optional.empty();
    }

    /** Refuses the message for {@code reason}, its reply's text followed by {@code detail} unless that is empty. */
    private static HookResult refuse(SMTPSession session, MailEnvelope message, DmarcResult result, Refusal reason,
            String detail) {
        Reply reply = detail.isEmpty() ? reason.reply() : reason.reply().withText(reason.reply().text() + " " + detail);
        log.info("session {}: message from <{}> refused with {}: reason={} domain={} dmarc={} policy={}",
                session.getSessionID(), sender(message), reply.codes(), reason,
                Printable.of(result.domain()), result.status().word(), result.policy().word());
        return Verdicts.of(reply);
    }
}
